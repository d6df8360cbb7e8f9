using System.Security.Cryptography;
using Orchestrator.ApiServer.Hosting;

namespace Orchestrator.Host.Pki;

/// <summary>
/// The cluster's certificates and keys under <c>DATA/pki</c>, as kubeadm lays them out: the CA (<c>ca.crt</c>,
/// <c>ca.key</c>), the API server's serving certificate (<c>apiserver.crt/.key</c>), the service-account signing
/// key (<c>sa.key</c>, ECDSA P-256 PKCS#8, and <c>sa.pub</c>) and the API server's client certificate towards
/// kubelets (<c>apiserver-kubelet-client.crt/.key</c>); the front proxy's own CA (<c>front-proxy-ca.crt/.key</c>) and the
/// client certificate the API server presents to aggregated API servers (<c>front-proxy-client.crt/.key</c>, CN
/// front-proxy-client), kept apart from the cluster CA as kubeadm does so a certificate of the cluster CA can never
/// pass for the front proxy; and the components' kubeconfigs. Everything that exists
/// is reused: a certificate is issued again only when it is missing, not from this CA, expires within
/// <see cref="RenewBefore"/>, or (serving certificates) lacks a name it must carry. Keys are mode 0600.
/// </summary>
internal sealed class ClusterPki : IDisposable
{
    /// <summary>A certificate closer than this to its end is issued again at start (kubeadm warns 30 days before).</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    private readonly TimeProvider _time;

    private ClusterPki(string dataDirectory, CertificateAuthority authority, X509Certificate2 serving, ECDsa serviceAccountKey, X509Certificate2 kubeletClient, CertificateAuthority frontProxyAuthority, X509Certificate2 frontProxyClient, TimeProvider time)
    {
        DataDirectory = dataDirectory;
        Authority = authority;
        CaCertificate = X509CertificateLoader.LoadCertificate(authority.Certificate.RawData);
        ServingCertificate = serving;
        ServiceAccountKey = serviceAccountKey;
        KubeletClientCertificate = kubeletClient;
        FrontProxyAuthority = frontProxyAuthority;
        FrontProxyCaCertificate = X509CertificateLoader.LoadCertificate(frontProxyAuthority.Certificate.RawData);
        FrontProxyClientCertificate = frontProxyClient;
        _time = time;
    }

    public string DataDirectory { get; }

    public string Directory => PkiDirectory(DataDirectory);

    public CertificateAuthority Authority { get; }

    /// <summary>The CA certificate without its key (what clients trust).</summary>
    public X509Certificate2 CaCertificate { get; }

    public X509Certificate2 ServingCertificate { get; }

    public ECDsa ServiceAccountKey { get; }

    public X509Certificate2 KubeletClientCertificate { get; }

    public CertificateAuthority FrontProxyAuthority { get; }

    /// <summary>The front-proxy CA without its key: what aggregated API servers trust for the request headers (requestheader-client-ca-file).</summary>
    public X509Certificate2 FrontProxyCaCertificate { get; }

    /// <summary>The API server's client certificate towards aggregated API servers (kubeadm's front-proxy-client), with its key.</summary>
    public X509Certificate2 FrontProxyClientCertificate { get; }

    public static string PkiDirectory(string dataDirectory) => Path.Combine(dataDirectory, "pki");

    /// <summary>Loads what exists under <paramref name="dataDirectory"/>/pki and creates the rest; <paramref name="servingNames"/> are the API server's.</summary>
    /// <exception cref="PkiException">A file exists but cannot be used (the CA is never replaced silently).</exception>
    public static ClusterPki LoadOrCreate(string dataDirectory, SubjectAlternativeNames servingNames, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(servingNames);
        time ??= TimeProvider.System;
        var directory = PkiDirectory(dataDirectory);
        var authority = LoadOrCreateAuthority(directory, "ca", "kubernetes", time);
        CertificateAuthority? frontProxyAuthority = null;
        try
        {
            var serving = LoadOrIssue(authority, time, Path.Combine(directory, "apiserver"), c => servingNames.MissingFrom(c).Count == 0,
                () => authority.IssueServing("kube-apiserver", servingNames.DnsNames, servingNames.Addresses, time));
            var kubeletClient = LoadOrIssueClient(authority, time, Path.Combine(directory, "apiserver-kubelet-client"), ComponentIdentity.ApiServerKubeletClient);
            var serviceAccountKey = LoadOrCreateServiceAccountKey(directory);
            frontProxyAuthority = LoadOrCreateAuthority(directory, "front-proxy-ca", "front-proxy-ca", time);
            var frontProxyClient = LoadOrIssueClient(frontProxyAuthority, time, Path.Combine(directory, "front-proxy-client"), ComponentIdentity.FrontProxyClient);
            return new ClusterPki(dataDirectory, authority, serving, serviceAccountKey, kubeletClient, frontProxyAuthority, frontProxyClient, time);
        }
        catch
        {
            authority.Dispose();
            frontProxyAuthority?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes the kubeconfig of <paramref name="identity"/> pointing at <paramref name="server"/> (the address can
    /// change between starts); the client certificate already in the file is kept while it is still good.
    /// </summary>
    public string WriteKubeconfig(Uri server, ComponentIdentity identity) => WriteKubeconfig(server, identity, configure: null);

    /// <summary>
    /// Writes the kubeconfig of <paramref name="identity"/> as <see cref="WriteKubeconfig(Uri, ComponentIdentity)"/> does
    /// and returns the client configuration it describes, built in memory (the file is not read back).
    /// </summary>
    public KubernetesClientConfiguration WriteClientConfiguration(Uri server, ComponentIdentity identity)
    {
        KubernetesClientConfiguration? configuration = null;
        WriteKubeconfig(server, identity, certificate => configuration = Kubeconfig.Configuration(server, CaCertificate, certificate));
        return configuration!;
    }

    private string WriteKubeconfig(Uri server, ComponentIdentity identity, Action<X509Certificate2>? configure)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var path = identity.KubeconfigPath(DataDirectory);
        X509Certificate2? existing;
        try
        {
            existing = Kubeconfig.ReadClientCertificate(path);
        }
        catch (Exception e) when (e is CryptographicException or FormatException or k8s.Exceptions.KubeConfigException or YamlDotNet.Core.YamlException)
        {
            existing = null; // unreadable: a new certificate replaces it
        }

        using var certificate = existing is not null && IsCurrent(existing, Authority, _time) && HasSubject(existing, identity)
            ? existing
            : Authority.IssueClient(identity.User, identity.Groups, _time);
        if (!ReferenceEquals(certificate, existing))
        {
            existing?.Dispose();
        }

        configure?.Invoke(certificate);
        return Kubeconfig.Write(path, server, CaCertificate, certificate, identity.Name);
    }

    /// <summary>
    /// The serving certificate of the kubelet of a node this host runs (<paramref name="certificateDirectory"/>/kubelet.crt
    /// and .key, upstream's file names), issued by the cluster CA for <paramref name="names"/>.
    /// </summary>
    public X509Certificate2 KubeletServingCertificate(string certificateDirectory, string nodeName, SubjectAlternativeNames names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return LoadOrIssue(Authority, _time, Path.Combine(certificateDirectory, "kubelet"), c => names.MissingFrom(c).Count == 0,
            () => Authority.IssueServing(nodeName, names.DnsNames, names.Addresses, _time));
    }

    public void Dispose()
    {
        Authority.Dispose();
        CaCertificate.Dispose();
        ServingCertificate.Dispose();
        ServiceAccountKey.Dispose();
        KubeletClientCertificate.Dispose();
        FrontProxyAuthority.Dispose();
        FrontProxyCaCertificate.Dispose();
        FrontProxyClientCertificate.Dispose();
    }

    private static CertificateAuthority LoadOrCreateAuthority(string directory, string stem, string commonName, TimeProvider time)
    {
        var certificatePath = Path.Combine(directory, stem + ".crt");
        var keyPath = Path.Combine(directory, stem + ".key");
        if (File.Exists(certificatePath) != File.Exists(keyPath))
        {
            throw new PkiException($"{(File.Exists(certificatePath) ? certificatePath : keyPath)} exists without its pair ({(File.Exists(certificatePath) ? keyPath : certificatePath)}): restore it, or remove both to create a new CA (every certificate it issued then stops working)");
        }

        if (Read(certificatePath, keyPath) is { } existing)
        {
            return CertificateAuthority.FromCertificate(existing);
        }

        var authority = CertificateAuthority.Create(commonName, time);
        PemFiles.WriteCertificateAndKey(authority.Certificate, certificatePath, keyPath);
        return authority;
    }

    private static X509Certificate2 LoadOrIssueClient(CertificateAuthority authority, TimeProvider time, string stem, ComponentIdentity identity) =>
        LoadOrIssue(authority, time, stem, c => HasSubject(c, identity), () => authority.IssueClient(identity.User, identity.Groups, time));

    /// <summary>STEM.crt and STEM.key when both are good (from this CA, current, <paramref name="fits"/>), else a new certificate written there.</summary>
    private static X509Certificate2 LoadOrIssue(CertificateAuthority authority, TimeProvider time, string stem, Func<X509Certificate2, bool> fits, Func<X509Certificate2> issue)
    {
        var certificatePath = stem + ".crt";
        var keyPath = stem + ".key";
        X509Certificate2? existing;
        try
        {
            existing = PemFiles.ReadCertificateAndKey(certificatePath, keyPath);
        }
        catch (CryptographicException)
        {
            existing = null; // a damaged leaf is issued again; only the CA is irreplaceable
        }

        if (existing is not null && IsCurrent(existing, authority, time) && fits(existing))
        {
            return existing;
        }

        existing?.Dispose();
        var issued = issue();
        PemFiles.WriteCertificateAndKey(issued, certificatePath, keyPath);
        return issued;
    }

    private static ECDsa LoadOrCreateServiceAccountKey(string directory)
    {
        var keyPath = Path.Combine(directory, "sa.key");
        var key = ECDsa.Create();
        try
        {
            if (File.Exists(keyPath))
            {
                key.ImportFromPem(File.ReadAllText(keyPath));
                if (key.KeySize != 256)
                {
                    throw new PkiException($"{keyPath} is not an ECDSA P-256 key");
                }
            }
            else
            {
                key.GenerateKey(ECCurve.NamedCurves.nistP256);
                PemFiles.WritePrivate(keyPath, Pem.PrivateKey(key));
            }

            PemFiles.WritePublic(Path.Combine(directory, "sa.pub"), new string(PemEncoding.Write("PUBLIC KEY", key.ExportSubjectPublicKeyInfo())) + "\n");
            return key;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new PkiException($"{keyPath} is not a PEM ECDSA private key: {e.Message}", e);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    private static X509Certificate2? Read(string certificatePath, string keyPath)
    {
        try
        {
            return PemFiles.ReadCertificateAndKey(certificatePath, keyPath);
        }
        catch (CryptographicException e)
        {
            throw new PkiException($"{certificatePath} and {keyPath} are not a PEM certificate and its key: {e.Message}", e);
        }
    }

    private static bool IsCurrent(X509Certificate2 certificate, CertificateAuthority authority, TimeProvider time)
    {
        var now = time.GetUtcNow();
        return certificate.NotAfter.ToUniversalTime() > now.Add(RenewBefore).UtcDateTime
            && CertificateChains.IssuedBy(certificate, authority.Certificate, now);
    }

    private static bool HasSubject(X509Certificate2 certificate, ComponentIdentity identity) =>
        certificate.SubjectName.RawData.AsSpan().SequenceEqual(CertificateAuthority.Subject(identity.User, identity.Groups).RawData);
}
