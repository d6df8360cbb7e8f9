using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Orchestrator.Client.Connection;

/// <summary>
/// The one place components build a KubernetesClient <see cref="Kubernetes"/>: the server's certificate is checked as
/// client-go checks it when a kubeconfig pins a CA — the chain must lead to that CA alone (not the system's roots), and
/// the certificate must name the host dialled. KubernetesClient's own check (CertificateValidationCallBack) answers
/// only the chain question whenever the chain is not system-trusted, so a certificate for another name, issued by the
/// cluster's CA, was accepted. A cancelled watch ends its HTTP exchange (<see cref="WatchBodyHandler"/>).
/// </summary>
public static class KubernetesClients
{
    /// <summary>A client for <paramref name="config"/> (which is left as it was given).</summary>
    public static Kubernetes Create(KubernetesClientConfiguration config) => Create(config, []);

    /// <summary>A client for <paramref name="config"/> whose requests also pass <paramref name="handlers"/> (outermost first, inside <see cref="WatchBodyHandler"/>; tests record with them).</summary>
    public static Kubernetes Create(KubernetesClientConfiguration config, params DelegatingHandler[] handlers)
    {
        var earlier = config.FirstMessageHandlerSetup;
        SocketsHttpHandler? handler = null;
        config.FirstMessageHandlerSetup = h =>
        {
            earlier?.Invoke(h);
            handler = h as SocketsHttpHandler;
        };
        Kubernetes client;
        try
        {
            client = new Kubernetes(config, [new WatchBodyHandler(), .. handlers]);
        }
        finally
        {
            config.FirstMessageHandlerSetup = earlier;
        }

        // Replaces the callback the constructor set from SslCaCerts; nothing has been sent yet.
        if (handler is not null && !config.SkipTlsVerify && config.SslCaCerts is { Count: > 0 } authorities)
        {
            var pinned = new X509Certificate2Collection(authorities);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => ServerCertificate.IsTrusted(certificate, chain, errors, pinned, DateTimeOffset.UtcNow);
        }

        return client;
    }
}
