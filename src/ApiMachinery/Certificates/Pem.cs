namespace Orchestrator.ApiMachinery.Certificates;

/// <summary>PEM text of certificates and keys (what kubeconfigs embed base64-encoded and key files hold).</summary>
public static class Pem
{
    public static string Certificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new string(PemEncoding.Write("CERTIFICATE", certificate.RawData)) + "\n";
    }

    /// <summary>The private key of <paramref name="certificate"/> as PKCS#8 PEM ("PRIVATE KEY").</summary>
    public static string PrivateKey(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using AsymmetricAlgorithm key = (AsymmetricAlgorithm?)certificate.GetECDsaPrivateKey() ?? certificate.GetRSAPrivateKey()
            ?? throw new ArgumentException("the certificate has no ECDSA or RSA private key", nameof(certificate));
        return PrivateKey(key);
    }

    public static string PrivateKey(AsymmetricAlgorithm key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new string(PemEncoding.Write("PRIVATE KEY", key.ExportPkcs8PrivateKey())) + "\n";
    }

    /// <summary>A certificate and its key from PEM text (the key in PKCS#8, SEC1 "EC PRIVATE KEY" or PKCS#1 "RSA PRIVATE KEY").</summary>
    public static X509Certificate2 CertificateWithKey(string certificatePem, string keyPem)
    {
        using var certificate = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        // Re-imported so the key is usable by SslStream on every platform (an ephemeral key is not, on Windows).
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Every certificate in a PEM bundle (a CA file).</summary>
    public static X509Certificate2Collection Certificates(string pem)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(pem);
        return collection;
    }

    /// <summary>Base64 of the PEM text: the form of kubeconfig's <c>*-data</c> fields.</summary>
    public static string Base64(string pem) => Convert.ToBase64String(Encoding.ASCII.GetBytes(pem));
}
