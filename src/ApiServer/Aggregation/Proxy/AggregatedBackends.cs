namespace Orchestrator.ApiServer.Aggregation.Proxy;

/// <summary>
/// The HTTPS client the aggregator reads a backend's discovery with: the shared <see cref="BackendClients"/> client for
/// the APIService's <c>caBundle</c> (or <c>insecureSkipTLSVerify</c>) presenting our front-proxy certificate, dialling
/// <c>https://&lt;svc&gt;.&lt;ns&gt;.svc:&lt;port&gt;</c> through the Service's endpoints, the serving certificate verified for that
/// name. (Proxied requests go on connections of their own, <see cref="AggregatedProxy"/>: they carry repeated headers.)
/// Thread-safe.
/// </summary>
internal sealed class AggregatedBackends(BackendClients clients, FrontProxyIdentity identity)
{
    /// <summary>The client for <paramref name="apiService"/> (which has a service).</summary>
    /// <exception cref="FormatException">The caBundle is not base64.</exception>
    /// <exception cref="ArgumentException">The caBundle holds no PEM certificate (upstream's text).</exception>
    public HttpClient ClientFor(ApiServiceEntry apiService)
    {
        ArgumentNullException.ThrowIfNull(apiService);
        var bundle = apiService.CaBundle.Length == 0 ? null : Encoding.UTF8.GetString(Convert.FromBase64String(apiService.CaBundle));
        return clients.For(new BackendTls(bundle, identity.ClientCertificate, apiService.InsecureSkipTlsVerify), routeServices: true);
    }

    /// <summary><c>https://&lt;svc&gt;.&lt;ns&gt;.svc:&lt;port&gt;</c>, without a trailing slash: what a path is appended to.</summary>
    public static string Prefix(ServiceReference service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return (service with { Port = service.Port ?? 443, Path = "" }).Url.GetLeftPart(UriPartial.Authority);
    }
}
