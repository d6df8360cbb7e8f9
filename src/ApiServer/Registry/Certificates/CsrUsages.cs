namespace Orchestrator.ApiServer.Registry.Certificates;

/// <summary>The key usages a CertificateSigningRequest may ask for (upstream's certificates.KeyUsage values).</summary>
internal static class CsrUsages
{
    public static readonly string[] Known =
    [
        "any", "cert sign", "client auth", "code signing", "content commitment", "crl sign", "data encipherment",
        "decipher only", "digital signature", "email protection", "encipher only", "ipsec end system", "ipsec tunnel",
        "ipsec user", "key agreement", "key encipherment", "microsoft sgc", "netscape sgc", "ocsp signing", "s/mime",
        "server auth", "signing", "timestamping",
    ];

    private static readonly HashSet<string> KnownSet = new(Known, StringComparer.Ordinal);

    public static bool IsKnown(string usage) => KnownSet.Contains(usage);
}
