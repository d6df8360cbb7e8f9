using Orchestrator.ApiMachinery.Certificates;

namespace Orchestrator.ApiServer.Tests.Authorization;

/// <summary>A kubeconfig for kubectl that trusts the test CA and authenticates with a client certificate of a user and groups.</summary>
internal static class CertificateKubeconfig
{
    public static string Write(TestPki pki, Uri server, string directory, string user, params string[] groups)
    {
        using var certificate = pki.Authority.IssueClient(user, groups);
        var path = Path.Combine(directory, $"kubeconfig-{Guid.NewGuid():N}");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: test
              cluster:
                server: "{server.ToString().TrimEnd('/')}"
                certificate-authority-data: {Pem.Base64(Pem.Certificate(pki.Ca))}
            contexts:
            - name: test
              context: {"{"}cluster: test, user: test, namespace: default{"}"}
            users:
            - name: test
              user:
                client-certificate-data: {Pem.Base64(Pem.Certificate(certificate))}
                client-key-data: {Pem.Base64(Pem.PrivateKey(certificate))}
            current-context: test
            """);
        return path;
    }
}
