namespace Orchestrator.ApiServer.Proxy;

/// <summary>
/// The transports of the proxy subresources, made once: to kubelets (their TLS client certificate, as pods/log) and to
/// anything else (pods, endpoints, a node's other ports), whose certificates upstream's proxy transport does not verify
/// either. No redirects followed, no cookies, no decompression: the answer goes back as the backend sent it.
/// </summary>
internal sealed class ProxyClients(KubeletTls tls) : IDisposable
{
    public HttpMessageInvoker Kubelet { get; } = new(Configure(tls.Handler()));

    public HttpMessageInvoker Backend { get; } = new(Configure(new SocketsHttpHandler
    {
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true },
    }));

    public void Dispose()
    {
        Kubelet.Dispose();
        Backend.Dispose();
    }

    private static SocketsHttpHandler Configure(SocketsHttpHandler handler)
    {
        handler.AllowAutoRedirect = false;
        handler.UseProxy = false;
        handler.UseCookies = false;
        handler.AutomaticDecompression = DecompressionMethods.None;
        handler.ActivityHeadersPropagator = null;
        handler.ConnectTimeout = TimeSpan.FromSeconds(30);
        return handler;
    }
}
