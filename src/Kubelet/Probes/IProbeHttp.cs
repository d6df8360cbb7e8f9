namespace Orchestrator.Kubelet.Probes;

/// <summary>The network side of probes: HTTP GET (httpGet), TCP connect (tcpSocket) and gRPC health checks (grpc).</summary>
internal interface IProbeHttp
{
    /// <summary>
    /// GETs <paramref name="url"/> as upstream's prober does (TLS not verified, redirects followed only
    /// on the same host, at most 10): 200–299 is success, 300–399 a warning, anything else and every
    /// error a failure. Never throws except for cancellation. Thread-safe.
    /// </summary>
    Task<ProbeResult> GetAsync(Uri url, IReadOnlyList<KeyValuePair<string, string>> headers, TimeSpan timeout, CancellationToken ct);

    /// <summary>Success when a TCP connection to host:port opens within <paramref name="timeout"/>.</summary>
    Task<ProbeResult> ConnectAsync(string host, int port, TimeSpan timeout, CancellationToken ct);

    /// <summary>grpc.health.v1.Health/Check over plaintext HTTP/2: success when the answer is SERVING.</summary>
    Task<ProbeResult> GrpcCheckAsync(string host, int port, string service, TimeSpan timeout, CancellationToken ct);
}
