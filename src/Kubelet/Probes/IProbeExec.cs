namespace Orchestrator.Kubelet.Probes;

/// <summary>Runs an exec probe's command inside a container (upstream: CRI ExecSync).</summary>
internal interface IProbeExec
{
    /// <summary>
    /// Runs <paramref name="command"/> in the container and returns its exit code and combined output.
    /// Throws <see cref="TimeoutException"/> when the command outlives <paramref name="timeout"/> (the
    /// probe then fails with "command timed out"); any other exception means the probe could not run
    /// at all (container gone, runtime down) and leaves the probe's result unchanged. Thread-safe.
    /// </summary>
    Task<ProbeExecResult> ExecAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken ct);
}
