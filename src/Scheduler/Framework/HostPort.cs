namespace Orchestrator.Scheduler.Framework;

/// <summary>A host port a pod wants; 0.0.0.0 conflicts with every IP on the same protocol and port.</summary>
public readonly record struct HostPort(string Ip, string Protocol, int Port)
{
    public const string AnyIp = "0.0.0.0";

    public bool ConflictsWith(HostPort other) =>
        Port == other.Port && Protocol == other.Protocol && (Ip == AnyIp || other.Ip == AnyIp || Ip == other.Ip);
}
