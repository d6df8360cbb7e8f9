namespace Orchestrator.ApiServer.Streaming;

/// <summary>
/// How the API server dials kubelets when it is secured: HTTPS, presenting
/// <see cref="ApiServerSecurity.KubeletClientCertificate"/>; the kubelet's serving certificate is checked
/// against <see cref="ApiServerSecurity.KubeletCertificateAuthority"/> when one is configured and accepted
/// as it is otherwise (upstream's default without --kubelet-certificate-authority: kubelets serve
/// self-signed certificates). An unsecured server (tests) dials kubelets over plain HTTP.
/// </summary>
internal sealed class KubeletTls(ApiServerSecurity? security, TimeProvider time)
{
    private readonly X509Certificate2? _clientCertificate = security?.KubeletClientCertificate;
    private readonly X509Certificate2? _kubeletAuthority = security?.KubeletCertificateAuthority;

    /// <summary>Whether kubelets are dialed over TLS (the API server is secured).</summary>
    public bool Enabled { get; } = security is not null;

    /// <summary>This, for an endpoint's <see cref="KubeletEndpoint.Tls"/>, when enabled; else null (plain HTTP).</summary>
    public KubeletTls? IfEnabled => Enabled ? this : null;

    /// <summary>The handshake settings for a connection to the kubelet at <paramref name="host"/> (null: the HTTP client sets it from the URL).</summary>
    public SslClientAuthenticationOptions ClientOptions(string? host) => new()
    {
        TargetHost = host,
        ClientCertificates = _clientCertificate is null ? null : [_clientCertificate],
        // The one certificate to present, whatever the kubelet lists as acceptable issuers.
        LocalCertificateSelectionCallback = (_, _, _, _, _) => _clientCertificate!,
        RemoteCertificateValidationCallback = (_, certificate, chain, _) => Accepts(certificate, chain),
    };

    /// <summary>A handler for HTTP requests to kubelets (container logs) with these settings.</summary>
    public SocketsHttpHandler Handler() => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        SslOptions = Enabled ? ClientOptions(null) : new SslClientAuthenticationOptions(),
    };

    private bool Accepts(X509Certificate? certificate, X509Chain? chain)
    {
        if (_kubeletAuthority is null)
        {
            return true;
        }

        if (certificate is null)
        {
            return false;
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var intermediates = new X509Certificate2Collection();
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                intermediates.Add(element.Certificate);
            }
        }

        return CertificateChains.IssuedBy(leaf, _kubeletAuthority, time.GetUtcNow(), intermediates);
    }
}
