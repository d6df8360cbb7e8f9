namespace Orchestrator.ApiServer.Aggregation.Proxy;

/// <summary>
/// The TLS of the proxy's connection to an APIService's backend (upstream's BuildTransportConfig): the serving
/// certificate must chain to the APIService's caBundle only (the machine's roots without one) and name
/// <c>&lt;svc&gt;.&lt;ns&gt;.svc</c>, unless <c>insecureSkipTLSVerify</c>; our front-proxy certificate is presented; HTTP/1.1,
/// so each front-proxy header goes on its own line.
/// </summary>
internal static class BackendTlsOptions
{
    /// <exception cref="FormatException">The caBundle is not base64.</exception>
    /// <exception cref="ArgumentException">The caBundle holds no PEM certificate (upstream's text).</exception>
    public static SslClientAuthenticationOptions For(ApiServiceEntry apiService, X509Certificate2? clientCertificate)
    {
        ArgumentNullException.ThrowIfNull(apiService);
        var service = apiService.Service ?? throw new ArgumentException("a local APIService has no backend", nameof(apiService));
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = service.ServerName,
            ApplicationProtocols = [SslApplicationProtocol.Http11],
        };
        if (apiService.InsecureSkipTlsVerify)
        {
            options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (apiService.CaBundle.Length > 0)
        {
            var roots = Pem.Certificates(Encoding.UTF8.GetString(Convert.FromBase64String(apiService.CaBundle)));
            if (roots.Count == 0)
            {
                throw new ArgumentException("unable to load root certificates: unable to parse bytes as PEM block");
            }

            options.CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            options.CertificateChainPolicy.CustomTrustStore.AddRange(roots);
        }

        if (clientCertificate is not null)
        {
            options.ClientCertificates = [clientCertificate];
        }

        return options;
    }
}
