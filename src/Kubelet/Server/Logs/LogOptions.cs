namespace Orchestrator.Kubelet.Server.Logs;

/// <summary>
/// What to read of a container log (upstream's PodLogOptions, resolved: <c>sinceSeconds</c> is
/// already turned into <see cref="Since"/>; <c>previous</c> chose the file).
/// </summary>
/// <param name="Follow">Keep reading as the file grows, until the container exits and the file is fully read.</param>
/// <param name="TailLines">Start this many file lines before the end; null = from the start.</param>
/// <param name="Since">Skip lines stamped before this instant; null = no filter.</param>
/// <param name="Timestamps">Prefix every output line with its RFC 3339 timestamp and a space.</param>
/// <param name="LimitBytes">Stop after writing this many bytes; null = no limit.</param>
internal sealed record LogOptions(bool Follow = false, long? TailLines = null, DateTimeOffset? Since = null, bool Timestamps = false, long? LimitBytes = null);
