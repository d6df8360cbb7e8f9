namespace Orchestrator.ApiMachinery.Certificates;

/// <summary>
/// kubeadm's <c>--discovery-token-ca-cert-hash</c>: <c>sha256:</c> and the lower-case hex SHA-256 of
/// the CA certificate's DER SubjectPublicKeyInfo (RFC 7469 style pinning).
/// </summary>
public static class CaCertHash
{
    public const string Prefix = "sha256:";

    public static string Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var spki = certificate.PublicKey.ExportSubjectPublicKeyInfo();
        return Prefix + Convert.ToHexString(SHA256.HashData(spki)).ToLowerInvariant();
    }

    /// <summary>Whether <paramref name="expected"/> (as typed on the command line, any hex case) pins <paramref name="certificate"/>.</summary>
    public static bool Matches(X509Certificate2 certificate, string expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        return string.Equals(Of(certificate), expected.Trim(), StringComparison.OrdinalIgnoreCase);
    }
}
