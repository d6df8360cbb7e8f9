namespace Orchestrator.ApiMachinery.Certificates;

/// <summary>
/// PKCS#10 certificate signing requests as a CertificateSigningRequest's <c>spec.request</c> carries
/// them (PEM "CERTIFICATE REQUEST"): parsed with their signature checked (upstream's ParseCSR and
/// CheckSignature), and created for a new key.
/// </summary>
public static class SigningRequests
{
    public const string PemLabel = "CERTIFICATE REQUEST";

    /// <summary>Parses the first PEM block of <paramref name="pem"/>, which must be a signed request.</summary>
    /// <exception cref="FormatException">With upstream's wording: not a PEM request, or a request that does not parse or verify.</exception>
    public static CertificateRequest Parse(byte[] pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var text = Encoding.ASCII.GetString(pem);
        if (!PemEncoding.TryFind(text, out var fields) || text[fields.Label] != PemLabel)
        {
            throw new FormatException("PEM block type must be CERTIFICATE REQUEST");
        }

        try
        {
            return CertificateRequest.LoadSigningRequestPem(text[fields.Location], HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        }
        catch (CryptographicException e)
        {
            throw new FormatException("x509: invalid certificate request: " + e.Message, e);
        }
    }

    /// <summary>A PEM request for <paramref name="subject"/> signed by <paramref name="key"/> (no extensions, as the kubelet sends).</summary>
    public static string Create(X500DistinguishedName subject, ECDsa key)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        return request.CreateSigningRequestPem() + "\n";
    }

    /// <summary>The organizations (O) and the common name (CN) of a subject, in order.</summary>
    public static (IReadOnlyList<string> Organizations, IReadOnlyList<string> CommonNames, int Other) Names(X500DistinguishedName subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var organizations = new List<string>();
        var commonNames = new List<string>();
        var other = 0;
        foreach (var rdn in subject.EnumerateRelativeDistinguishedNames())
        {
            var value = rdn.GetSingleElementValue() ?? "";
            switch (rdn.GetSingleElementType().Value)
            {
                case "2.5.4.10":
                    organizations.Add(value);
                    break;
                case "2.5.4.3":
                    commonNames.Add(value);
                    break;
                default:
                    other++;
                    break;
            }
        }

        return (organizations, commonNames, other);
    }
}
