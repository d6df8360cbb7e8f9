using Orchestrator.Kubelet.Probes;

namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>
/// Runs postStart and preStop handlers (upstream's handlerRunner): exec through CRI ExecSync,
/// httpGet against the pod through the probes' HTTP client (named ports, httpHeaders, TLS not
/// verified, as upstream's prober), sleep. Returns an error message, or null on success.
/// </summary>
internal sealed class LifecycleHooks(RuntimeService.RuntimeServiceClient runtime, IProbeHttp network, TimeProvider time)
{
    public async Task<string?> RunAsync(V1LifecycleHandler handler, V1Container container, string containerId, string? podIp, TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            if (handler.Exec is { } exec)
            {
                var request = new ExecSyncRequest { ContainerId = containerId, Timeout = (long)Math.Ceiling(timeout.TotalSeconds) };
                request.Cmd.AddRange(exec.Command ?? []);
                var result = await runtime.ExecSyncAsync(request, cancellationToken: ct);
                return result.ExitCode == 0 ? null : $"command '{string.Join(' ', exec.Command ?? [])}' exited with {result.ExitCode}: {result.Stderr.ToStringUtf8()}{result.Stdout.ToStringUtf8()}";
            }

            if (handler.HttpGet is { } get)
            {
                var url = ProbeRunner.HttpUrl(get, container, podIp ?? string.Empty);
                var headers = (get.HttpHeaders ?? []).Select(h => KeyValuePair.Create(h.Name, h.Value ?? string.Empty)).ToList();
                var result = await network.GetAsync(url, headers, timeout, ct);
                return result.Outcome == ProbeOutcome.Failure
                    ? $"HTTP lifecycle hook ({get.Path}) for Container \"{container.Name}\" failed - error: {result.Output}"
                    : null;
            }

            if (handler.Sleep is { } sleep)
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(sleep.Seconds, timeout.TotalSeconds)), time, ct);
                return null;
            }

            return "no lifecycle handler (exec, httpGet or sleep) given";
        }
        catch (Exception e) when (e is Grpc.Core.RpcException or ProbeErrorException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return e.Message;
        }
    }
}
