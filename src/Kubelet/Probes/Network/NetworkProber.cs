namespace Orchestrator.Kubelet.Probes.Network;

/// <summary>The real <see cref="IProbeHttp"/>: HTTP GET, TCP connect and gRPC health checks over the host's network.</summary>
internal sealed class NetworkProber : IProbeHttp, IDisposable
{
    private readonly HttpMessageInvoker _http = HttpGetProbe.CreateInvoker();

    public Task<ProbeResult> GetAsync(Uri url, IReadOnlyList<KeyValuePair<string, string>> headers, TimeSpan timeout, CancellationToken ct) =>
        HttpGetProbe.GetAsync(_http, url, headers, timeout, ct);

    public Task<ProbeResult> ConnectAsync(string host, int port, TimeSpan timeout, CancellationToken ct) =>
        TcpProbe.ConnectAsync(host, port, timeout, ct);

    public Task<ProbeResult> GrpcCheckAsync(string host, int port, string service, TimeSpan timeout, CancellationToken ct) =>
        GrpcHealthProbe.CheckAsync(host, port, service, timeout, ct);

    public void Dispose() => _http.Dispose();
}
