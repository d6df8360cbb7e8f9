using System.Security.Cryptography;
using Orchestrator.ApiMachinery.Certificates;

namespace Orchestrator.Kubelet.Server;

/// <summary>
/// The certificate a kubelet serves with when no one gives it one: self-signed as upstream's kubelet makes it
/// (a throw-away CA named <c>HOST-ca@UNIXTIME</c> signs a certificate for the host), kept in
/// <c>DIR/kubelet.crt</c> (certificate, then that CA) and <c>DIR/kubelet.key</c> (0600), and reused while it is
/// valid for another day and still names every wanted name and address.
/// </summary>
public static class KubeletServingCertificate
{
    public const string CertificateFile = "kubelet.crt";

    public const string KeyFile = "kubelet.key";

    public static X509Certificate2 LoadOrCreateSelfSigned(string directory, string hostName, SubjectAlternativeNames names, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(names);
        time ??= TimeProvider.System;
        var certificatePath = Path.Combine(directory, CertificateFile);
        var keyPath = Path.Combine(directory, KeyFile);
        var now = time.GetUtcNow();
        try
        {
            if (PemFiles.ReadCertificateAndKey(certificatePath, keyPath) is { } existing)
            {
                if (existing.NotAfter.ToUniversalTime() > now.AddDays(1).UtcDateTime && names.MissingFrom(existing).Count == 0)
                {
                    return existing;
                }

                existing.Dispose();
            }
        }
        catch (CryptographicException)
        {
            // Damaged: a new one replaces it.
        }

        using var authority = CertificateAuthority.Create($"{hostName}-ca@{now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}", time);
        var certificate = authority.IssueServing(hostName, names.DnsNames, names.Addresses, time);
        PemFiles.WriteCertificateAndKey(certificate, certificatePath, keyPath, chain: authority.Certificate);
        return certificate;
    }
}
