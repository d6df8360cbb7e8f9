namespace Orchestrator.Kubelet.Probes;

/// <summary>Exec probes through CRI ExecSync; the output is stdout followed by stderr, as upstream.</summary>
internal sealed class CriProbeExec(CriClient cri) : IProbeExec
{
    public async Task<ProbeExecResult> ExecAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken ct)
    {
        var request = new ExecSyncRequest { ContainerId = containerId, Timeout = Math.Max(1, (long)Math.Ceiling(timeout.TotalSeconds)) };
        request.Cmd.AddRange(command);
        try
        {
            var response = await cri.Runtime.ExecSyncAsync(request, cancellationToken: ct).ConfigureAwait(false);
            return new ProbeExecResult(response.ExitCode, response.Stdout.ToStringUtf8() + response.Stderr.ToStringUtf8());
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.DeadlineExceeded)
        {
            throw new TimeoutException($"command \"{string.Join(' ', command)}\" timed out after {timeout.TotalSeconds}s", e);
        }
    }
}
