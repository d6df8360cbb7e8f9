namespace Orchestrator.Kubelet.Server.Logs;

/// <summary>The stream a CRI log line came from.</summary>
internal enum CriLogStream
{
    Stdout,
    Stderr,
}
