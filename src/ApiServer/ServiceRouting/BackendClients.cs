namespace Orchestrator.ApiServer.ServiceRouting;

/// <summary>
/// HTTPS clients for the backends the API server calls (admission webhooks, aggregated APIs), one per
/// <see cref="BackendTls"/> and routing mode, cached and reused (upstream's webhook ClientManager caches
/// its REST clients the same way); a changed bundle or client certificate is a new key, so a new client.
/// <para>
/// The serving certificate must chain to the bundle only (or the machine's roots without one) and
/// hold the host of the URL: <c>&lt;svc&gt;.&lt;ns&gt;.svc</c> for a service (<see cref="ServiceReference.Url"/>),
/// the URL's host otherwise. A service-routing client dials <c>&lt;svc&gt;.&lt;ns&gt;.svc</c> hosts through
/// <see cref="ServiceResolver"/> at connect time, as upstream's webhook client dials through its
/// service resolver; other hosts resolve through DNS. Thread-safe; the clients have no timeout of their
/// own (callers pass a cancellation token) and follow no redirects.
/// </para>
/// </summary>
internal sealed class BackendClients(ServiceResolver resolver) : IDisposable
{
    /// <summary>Past this many clients (bundles rotate, configurations come and go) the cache starts over.</summary>
    private const int Capacity = 256;

    private readonly ConcurrentDictionary<(string, string, bool, bool), HttpClient> _clients = new();

    /// <summary>The client for <paramref name="tls"/>.</summary>
    /// <param name="routeServices">Whether <c>&lt;svc&gt;.&lt;ns&gt;.svc</c> hosts are dialled through the service's endpoints.</param>
    /// <exception cref="ArgumentException">A bundle with no PEM certificate in it (upstream's text).</exception>
    public HttpClient For(BackendTls tls, bool routeServices)
    {
        ArgumentNullException.ThrowIfNull(tls);
        var (bundle, client, insecure) = tls.CacheKey;
        var key = (bundle, client, insecure, routeServices);
        if (_clients.TryGetValue(key, out var cached))
        {
            return cached;
        }

        if (_clients.Count >= Capacity)
        {
            // Clients still in use keep working: a dropped client is left to its pooled connections' idle timeout.
            _clients.Clear();
        }

        return _clients.GetOrAdd(key, _ => Create(tls, routeServices));
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        _clients.Clear();
    }

    private HttpClient Create(BackendTls tls, bool routeServices)
    {
        var ssl = new SslClientAuthenticationOptions();
        if (tls.InsecureSkipVerify)
        {
            ssl.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (!string.IsNullOrEmpty(tls.CaBundle))
        {
            ssl.CertificateChainPolicy = TrustOnly(tls.CaBundle);
        }

        if (tls.ClientCertificate is { } certificate)
        {
            ssl.LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate;
        }

        var handler = new SocketsHttpHandler
        {
            SslOptions = ssl,
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            ConnectTimeout = TimeSpan.FromSeconds(30),
        };
        if (routeServices)
        {
            handler.ConnectCallback = ConnectAsync;
        }

        return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private static X509ChainPolicy TrustOnly(string bundle)
    {
        var roots = Pem.Certificates(bundle);
        if (roots.Count == 0)
        {
            throw new ArgumentException("unable to load root certificates: unable to parse bytes as PEM block", nameof(bundle));
        }

        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.AddRange(roots);
        return policy;
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var target = context.DnsEndPoint;
        if (ServiceReference.TryParseServerName(target.Host, out var ns, out var name))
        {
            var backend = await resolver.ResolveAsync(new ServiceReference(ns, name, target.Port), cancellationToken);
            target = new DnsEndPoint(backend.IdnHost, backend.Port);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(target, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
