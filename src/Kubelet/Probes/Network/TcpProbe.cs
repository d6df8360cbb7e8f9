namespace Orchestrator.Kubelet.Probes.Network;

/// <summary>upstream's TCP prober: success when a connection opens within the timeout; it is closed at once.</summary>
internal static class TcpProbe
{
    public static async Task<ProbeResult> ConnectAsync(string host, int port, TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, cts.Token).ConfigureAwait(false);
            return ProbeResult.Success();
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ProbeResult.Failure($"dial tcp {Endpoint(host, port)}: i/o timeout");
        }
        catch (SocketException e)
        {
            return ProbeResult.Failure($"dial tcp {Endpoint(host, port)}: connect: {e.Message}");
        }
    }

    internal static string Endpoint(string host, int port) => host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";
}
