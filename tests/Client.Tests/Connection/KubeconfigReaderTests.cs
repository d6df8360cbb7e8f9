using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using k8s;
using k8s.Exceptions;
using Orchestrator.Client.Connection;

namespace Orchestrator.Client.Tests.Connection;

public sealed class KubeconfigReaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kubeconfig-reader-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Load_ReadsWhatKubernetesYamlReads_CurrentContextClusterUserAndNamespace()
    {
        var (certificate, key) = Certificate();
        var path = Write($$"""
            apiVersion: v1
            kind: Config
            current-context: second
            clusters:
            - name: one
              cluster:
                server: https://192.0.2.1:6443
                insecure-skip-tls-verify: true
            - name: two
              cluster:
                server: https://192.0.2.2:6443
                certificate-authority-data: {{Base64(certificate)}}
                tls-server-name: api.example
            users:
            - name: admin
              user:
                client-certificate-data: {{Base64(certificate)}}
                client-key-data: {{Base64(key)}}
            - name: bearer
              user:
                token: abc.def
            contexts:
            - name: first
              context: {cluster: one, user: bearer}
            - name: second
              context: {cluster: two, user: admin, namespace: team}
            """);

        var read = KubeconfigReader.Load(path);
        var expected = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);

        Assert.Equal(expected.Host, read.Host);
        Assert.Equal("https://192.0.2.2:6443", read.Host);
        Assert.Equal(expected.Namespace, read.Namespace);
        Assert.Equal("team", read.Namespace);
        Assert.Equal(expected.TlsServerName, read.TlsServerName);
        Assert.Equal(expected.ClientCertificateData, read.ClientCertificateData);
        Assert.Equal(expected.ClientCertificateKeyData, read.ClientCertificateKeyData);
        Assert.Equal(expected.SslCaCerts!.Single().Thumbprint, read.SslCaCerts!.Single().Thumbprint);
        Assert.False(read.SkipTlsVerify);
    }

    [Fact]
    public void Load_ResolvesFilesRelativeToTheKubeconfigAndReadsTokens()
    {
        var (certificate, _) = Certificate();
        File.WriteAllText(Path.Combine(_directory, "ca.crt"), certificate);
        var path = Write("""
            current-context: c
            clusters: [{name: k, cluster: {server: "https://127.0.0.1:1", certificate-authority: ca.crt}}]
            users: [{name: u, user: {token: secret-token}}]
            contexts: [{name: c, context: {cluster: k, user: u}}]
            """);

        var read = KubeconfigReader.Load(path);

        Assert.Equal("secret-token", read.AccessToken);
        Assert.Equal(KubernetesClientConfiguration.BuildConfigFromConfigFile(path).SslCaCerts!.Single().Thumbprint, read.SslCaCerts!.Single().Thumbprint);
    }

    [Fact]
    public void Load_HandsAUserWithOtherCredentialsToKubernetesClientsLoader()
    {
        var path = Write("""
            current-context: c
            clusters: [{name: k, cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}}]
            users: [{name: u, user: {username: admin, password: secret}}]
            contexts: [{name: c, context: {cluster: k, user: u}}]
            """);

        var read = KubeconfigReader.Load(path);

        Assert.Equal("admin", read.Username);
        Assert.Equal("secret", read.Password);
        Assert.True(read.SkipTlsVerify);
    }

    [Fact]
    public void Load_ReadsOnlyTheCurrentContext_AnotherUsersExoticFieldsDoNotMatter()
    {
        var path = Write("""
            current-context: plain
            clusters: [{name: k, cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}}]
            users:
            - {name: t, user: {token: abc}}
            - {name: other, user: {exec: {command: /nonexistent/never-run, apiVersion: client.authentication.k8s.io/v1}}}
            contexts:
            - {name: plain, context: {cluster: k, user: t}}
            - {name: exotic, context: {cluster: k, user: other}}
            """);

        Assert.Equal("abc", KubeconfigReader.Load(path).AccessToken);
    }

    [Theory]
    [InlineData("clusters: [")]
    [InlineData("- just\n- a list")]
    [InlineData("clusters: [{cluster: {server: x}}]")]
    public void Load_RefusesWhatIsNotAKubeconfig(string text)
    {
        var path = Write(text);

        Assert.Throws<KubeConfigException>(() => KubeconfigReader.Load(path));
    }

    [Fact]
    public void Parse_ReadsClustersFromText()
    {
        var config = KubeconfigReader.Parse("""
            apiVersion: v1
            kind: Config
            clusters:
            - name: ""
              cluster: {server: "https://192.0.2.9:6443", certificate-authority-data: Zm9v}
            """);

        var cluster = Assert.Single(config.Clusters!);
        Assert.Equal("https://192.0.2.9:6443", cluster.ClusterEndpoint.Server);
        Assert.Equal("Zm9v", cluster.ClusterEndpoint.CertificateAuthorityData);
    }

    private string Write(string text)
    {
        var path = Path.Combine(_directory, "kubeconfig");
        File.WriteAllText(path, text);
        return path;
    }

    private static string Base64(string pem) => Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(pem));

    private static (string Certificate, string Key) Certificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=test", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        return (certificate.ExportCertificatePem(), key.ExportECPrivateKeyPem());
    }
}
