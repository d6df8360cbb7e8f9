namespace Orchestrator.Kubelet.Server;

/// <summary>Attach to a container's main process, with the streams the client asked for.</summary>
public sealed record AttachRequest(string Namespace, string Pod, string Container, bool Tty, bool Stdin, bool Stdout, bool Stderr);
