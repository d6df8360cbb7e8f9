using System.Net.Sockets;
using k8s.Models;
using Orchestrator.Kubelet.Cri.Api;

namespace Orchestrator.Kubelet.CriRuntime;

/// <summary>
/// Runs postStart and preStop handlers (upstream's handlerRunner): exec through CRI ExecSync,
/// httpGet against the pod, sleep. Returns an error message, or null on success.
/// </summary>
internal sealed class LifecycleHooks(RuntimeService.RuntimeServiceClient runtime, TimeProvider time)
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
    });

    public async Task<string?> RunAsync(V1LifecycleHandler handler, string containerId, string? podIp, TimeSpan timeout, CancellationToken ct)
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
                var host = string.IsNullOrEmpty(get.Host) ? podIp : get.Host;
                var scheme = (get.Scheme ?? "HTTP").ToLowerInvariant();
                using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
                cts.CancelAfter(timeout);
                using var response = await Http.GetAsync(new Uri($"{scheme}://{host}:{get.Port.Value}{get.Path ?? "/"}"), cts.Token);
                return (int)response.StatusCode is >= 200 and < 400 ? null : $"HTTP lifecycle hook ({get.Path}) for Container in Pod failed with status {(int)response.StatusCode}";
            }

            if (handler.Sleep is { } sleep)
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(sleep.Seconds, timeout.TotalSeconds)), time, ct);
                return null;
            }

            return "no lifecycle handler (exec, httpGet or sleep) given";
        }
        catch (Exception e) when (e is Grpc.Core.RpcException or HttpRequestException or SocketException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return e.Message;
        }
    }
}
