namespace Orchestrator.ApiServer.ServiceRouting;

/// <summary>
/// How the API server trusts a backend it calls and proves itself to it.
/// </summary>
/// <param name="CaBundle">
/// PEM certificates the backend's serving chain must lead to, and nothing else is trusted (a webhook's
/// <c>caBundle</c>, an APIService's <c>caBundle</c>, decoded); null or empty: the machine's roots.
/// </param>
/// <param name="ClientCertificate">The certificate (with its key) the API server presents, if any.</param>
/// <param name="InsecureSkipVerify">An APIService's <c>insecureSkipTLSVerify</c>: any serving certificate is accepted.</param>
internal sealed record BackendTls(string? CaBundle, X509Certificate2? ClientCertificate = null, bool InsecureSkipVerify = false)
{
    /// <summary>What the clients are cached by: the bundle's text and the client certificate's thumbprint.</summary>
    internal (string Bundle, string Client, bool Insecure) CacheKey =>
        (CaBundle ?? "", ClientCertificate?.Thumbprint ?? "", InsecureSkipVerify);
}
