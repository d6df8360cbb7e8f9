namespace Orchestrator.Kubelet.Server;

/// <summary>Run <paramref name="Command"/> in a container, with the streams the client asked for.</summary>
public sealed record ExecRequest(string Namespace, string Pod, string Container, IReadOnlyList<string> Command, bool Tty, bool Stdin, bool Stdout, bool Stderr);
