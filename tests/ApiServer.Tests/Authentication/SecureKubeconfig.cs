using System.Security.Cryptography.X509Certificates;
using Orchestrator.ApiMachinery.Certificates;

namespace Orchestrator.ApiServer.Tests.Authentication;

/// <summary>A kubeconfig for kubectl against a secured test server: the cluster CA and either a client certificate or a token. Deleted on dispose.</summary>
internal sealed class SecureKubeconfig : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("authn-kubeconfig-").FullName;

    private SecureKubeconfig(Uri server, X509Certificate2 ca, string userLines)
    {
        Path = System.IO.Path.Combine(_directory, "kubeconfig");
        File.WriteAllText(Path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: test
              cluster:
                server: {server.GetLeftPart(UriPartial.Authority)}
                certificate-authority-data: {Pem.Base64(Pem.Certificate(ca))}
            contexts:
            - name: test
              context:
                cluster: test
                user: test
                namespace: default
            current-context: test
            users:
            - name: test
              user:
            {userLines}

            """);
    }

    public string Path { get; }

    public static SecureKubeconfig WithCertificate(Uri server, X509Certificate2 ca, X509Certificate2 client) => new(server, ca, $"""
            client-certificate-data: {Pem.Base64(Pem.Certificate(client))}
            client-key-data: {Pem.Base64(Pem.PrivateKey(client))}
        """);

    public static SecureKubeconfig WithToken(Uri server, X509Certificate2 ca, string token) => new(server, ca, $"""
            token: {token}
        """);

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
