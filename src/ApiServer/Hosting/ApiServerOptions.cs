namespace Orchestrator.ApiServer.Hosting;

/// <summary>Settings of the API server.</summary>
public sealed record ApiServerOptions
{
    /// <summary>Address to listen on; loopback by default (plain HTTP until TLS arrives).</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>Port to listen on; 0 picks a free one (tests).</summary>
    public int Port { get; init; } = 6443;

    /// <summary>
    /// The address the default/kubernetes Service's Endpoints and EndpointSlice point at (upstream
    /// --advertise-address). Null: <see cref="BindAddress"/> when it is one specific non-loopback
    /// address, else the host's IPv4 address on the default route, else 127.0.0.1.
    /// </summary>
    public IPAddress? AdvertiseAddress { get; init; }

    /// <summary>
    /// TLS, authentication and authorization. Null: plain HTTP, every request served as
    /// <see cref="Authentication.UserInfo.Unsecured"/> (in-process test servers).
    /// </summary>
    public ApiServerSecurity? Security { get; init; }

    /// <summary>Where the audit log goes (upstream --audit-log-path): one audit.k8s.io/v1 Event per request, JSON lines, Metadata level. Null: no audit log.</summary>
    public string? AuditLogPath { get; init; }

    /// <summary>How often the kubernetes Service's Endpoints and EndpointSlice are checked and repaired (upstream: 10 s).</summary>
    public TimeSpan EndpointReconcileInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Request and storage metrics (apiserver_request_*, etcd_request_duration_seconds); off only to measure
    /// their cost (bench/apiserver.sh). /metrics is served either way.
    /// </summary>
    public bool EnableMetrics { get; init; } = true;

    /// <summary>How often the kubelets' resource metrics are scraped for metrics.k8s.io (metrics-server --metric-resolution: 15 s).</summary>
    public TimeSpan MetricResolution { get; init; } = TimeSpan.FromSeconds(15);
}
