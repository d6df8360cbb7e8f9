namespace Orchestrator.Kubelet.Server;

/// <summary>Where the kubelet's HTTP server listens and how it follows logs (defaults are upstream's where it has one).</summary>
public sealed record KubeletServerOptions
{
    /// <summary>The address to bind (upstream --address, 0.0.0.0).</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Any;

    /// <summary>The port (upstream --port, 10250); 0 binds an ephemeral port, read from <see cref="KubeletServer.Port"/> after start.</summary>
    public int Port { get; init; } = 10250;

    /// <summary>
    /// The serving certificate, with its key: the server speaks TLS (upstream always does; see
    /// <see cref="KubeletServingCertificate"/>). Null: plain HTTP (in-process tests).
    /// </summary>
    public X509Certificate2? ServingCertificate { get; init; }

    /// <summary>
    /// The CA a client certificate must chain to (upstream --client-ca-file): a request without one is answered
    /// 401 Unauthorized. Null: every client is served (upstream's anonymous default). Needs <see cref="ServingCertificate"/>.
    /// </summary>
    public X509Certificate2? ClientCertificateAuthority { get; init; }

    /// <summary>
    /// Upstream's <c>--authorization-mode=Webhook</c>: every request with a verified client certificate is
    /// authorized on <c>nodes/NODE/SUBRESOURCE</c> (Authorization/). Null: AlwaysAllow. Needs
    /// <see cref="ClientCertificateAuthority"/>.
    /// </summary>
    internal Authorization.IKubeletAuthorizer? Authorizer { get; init; }

    /// <summary>How often a followed log file is polled for new lines at its end.</summary>
    public TimeSpan LogPollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often, while a followed log is at its end, the runtime is asked whether the container still runs.</summary>
    public TimeSpan LogRunningCheckInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The node's stats for <c>/stats/summary</c> and <c>/metrics/resource</c>; null: those paths are 404 (<c>--stats=false</c>, hollow nodes).</summary>
    internal Stats.IStatsProvider? Stats { get; init; }

    /// <summary>Throws when a value cannot work.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(BindAddress);
        ArgumentOutOfRangeException.ThrowIfNegative(Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, IPEndPoint.MaxPort);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(LogPollInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(LogRunningCheckInterval, TimeSpan.Zero);
        if (ClientCertificateAuthority is not null && ServingCertificate is null)
        {
            throw new ArgumentException("a client CA needs TLS: set the serving certificate too", nameof(ClientCertificateAuthority));
        }

        if (Authorizer is not null && ClientCertificateAuthority is null)
        {
            throw new ArgumentException("authorization needs authenticated clients: set the client CA too", nameof(Authorizer));
        }

        if (ServingCertificate is { HasPrivateKey: false })
        {
            throw new ArgumentException("the serving certificate has no private key", nameof(ServingCertificate));
        }
    }
}
