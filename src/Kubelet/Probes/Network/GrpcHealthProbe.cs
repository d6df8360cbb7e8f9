using Grpc.Net.Client;
using Orchestrator.Kubelet.Probes.Network.Health;

namespace Orchestrator.Kubelet.Probes.Network;

/// <summary>upstream's gRPC prober (pkg/probe/grpc): grpc.health.v1.Health/Check over plaintext HTTP/2; SERVING is success.</summary>
internal static class GrpcHealthProbe
{
    public static async Task<ProbeResult> CheckAsync(string host, int port, string service, TimeSpan timeout, CancellationToken ct)
    {
        var address = TcpProbe.Endpoint(host, port);
        using var channel = GrpcChannel.ForAddress("http://" + address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { ConnectTimeout = timeout, UseProxy = false },
            DisposeHttpClient = true,
        });
        var client = new Health.Health.HealthClient(channel);
        var headers = new Metadata { { "user-agent", HttpGetProbe.UserAgent } };
        try
        {
            var response = await client.CheckAsync(
                new HealthCheckRequest { Service = service }, headers, DateTime.UtcNow + timeout, ct).ConfigureAwait(false);
            return response.Status == HealthCheckResponse.Types.ServingStatus.Serving
                ? ProbeResult.Success()
                : ProbeResult.Failure($"service unhealthy (responded with \"{StatusName(response.Status)}\")");
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unimplemented)
        {
            return ProbeResult.Failure($"error: this server does not implement the grpc health protocol (grpc.health.v1.Health): {e.Status.Detail}");
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.DeadlineExceeded)
        {
            return ProbeResult.Failure($"timeout: health rpc did not complete within {timeout.TotalSeconds}s");
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable)
        {
            return ProbeResult.Failure($"error: failed to connect service at \"{address}\": {e.Status.Detail}");
        }
        catch (RpcException e)
        {
            return ProbeResult.Failure($"error: health rpc probe failed: {e.Status.Detail}");
        }
    }

    private static string StatusName(HealthCheckResponse.Types.ServingStatus status) => status switch
    {
        HealthCheckResponse.Types.ServingStatus.NotServing => "NOT_SERVING",
        HealthCheckResponse.Types.ServingStatus.ServiceUnknown => "SERVICE_UNKNOWN",
        _ => "UNKNOWN",
    };
}
