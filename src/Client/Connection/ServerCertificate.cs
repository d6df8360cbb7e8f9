using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Orchestrator.ApiMachinery.Certificates;

namespace Orchestrator.Client.Connection;

/// <summary>
/// Whether a server's certificate is acceptable to a client that pins <c>certificate-authority</c>, as Go's crypto/tls
/// decides with <c>RootCAs</c> set: the name must match (what the TLS stack reported), and the chain must build to one
/// of the pinned authorities with the system's roots ignored. Revocation is not checked (client-go does not either).
/// </summary>
public static class ServerCertificate
{
    public static bool IsTrusted(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors, X509Certificate2Collection authorities, DateTimeOffset now)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var intermediates = new X509Certificate2Collection();
        foreach (var element in presented?.ChainElements.Skip(1) ?? [])
        {
            intermediates.Add(element.Certificate); // what the server sent along
        }

        return CertificateChains.IssuedByAny(leaf, authorities, now, intermediates);
    }
}
