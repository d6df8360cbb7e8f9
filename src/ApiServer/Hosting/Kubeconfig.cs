using k8s;

namespace Orchestrator.ApiServer.Hosting;

/// <summary>
/// Writes and reads the kubeconfig files that point kubectl and the components at this server. A
/// TLS kubeconfig carries the cluster CA (<c>certificate-authority-data</c>) and the user's client
/// certificate and key (<c>client-certificate-data</c>, <c>client-key-data</c>), all PEM in base64,
/// as kubeadm writes them. A plain-HTTP server's kubeconfig carries a bearer token because some
/// clients (the C# KubernetesClient) refuse a user without credentials; such a server checks none.
/// </summary>
public static class Kubeconfig
{
    /// <summary>Writes a plain-HTTP kubeconfig (mode 0600 on Unix) and returns its path.</summary>
    public static string Write(string path, Uri server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var token = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        return WriteText(path, Text(server, "admin", "", $"    token: {token}"));
    }

    /// <summary>
    /// Writes a kubeconfig for <paramref name="server"/> that trusts <paramref name="authority"/> and
    /// authenticates with <paramref name="clientCertificate"/> (which must carry its key) as user
    /// <paramref name="userName"/>; mode 0600 on Unix. Returns the path.
    /// </summary>
    public static string Write(string path, Uri server, X509Certificate2 authority, X509Certificate2 clientCertificate, string userName)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(clientCertificate);
        var credentials = $"""
                client-certificate-data: {Pem.Base64(Pem.Certificate(clientCertificate))}
                client-key-data: {Pem.Base64(Pem.PrivateKey(clientCertificate))}
            """;
        return WriteText(path, Text(server, userName, $"    certificate-authority-data: {Pem.Base64(Pem.Certificate(authority))}\n", credentials));
    }

    /// <summary>
    /// The client configuration that the kubeconfig <see cref="Write(string, Uri, X509Certificate2, X509Certificate2, string)"/>
    /// writes for the same arguments describes, built in memory: a process that writes a kubeconfig for its own
    /// components need not read it back (a file read and a YAML parse per identity, on the start-up path).
    /// </summary>
    public static KubernetesClientConfiguration Configuration(Uri server, X509Certificate2 authority, X509Certificate2 clientCertificate)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(clientCertificate);
        return new KubernetesClientConfiguration
        {
            Host = server.GetLeftPart(UriPartial.Authority),
            SslCaCerts = [X509CertificateLoader.LoadCertificate(authority.RawData)],
            ClientCertificateData = Pem.Base64(Pem.Certificate(clientCertificate)),
            ClientCertificateKeyData = Pem.Base64(Pem.PrivateKey(clientCertificate)),
            Namespace = "default",
        };
    }

    /// <summary>
    /// The client certificate (with its key) of the current user of the kubeconfig at
    /// <paramref name="path"/>, or null when the file does not exist or its user has none.
    /// </summary>
    public static X509Certificate2? ReadClientCertificate(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var config = Orchestrator.Client.Connection.KubeconfigReader.Parse(File.ReadAllText(path));
        var context = config.Contexts?.FirstOrDefault(c => c.Name == config.CurrentContext);
        var user = config.Users?.FirstOrDefault(u => u.Name == context?.ContextDetails?.User)?.UserCredentials;
        if (user?.ClientCertificateData is not { Length: > 0 } certificate || user.ClientKeyData is not { Length: > 0 } key)
        {
            return null;
        }

        return Pem.CertificateWithKey(FromBase64(certificate), FromBase64(key));
    }

    private static string FromBase64(string data) => System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(data));

    private static string Text(Uri server, string userName, string clusterExtra, string credentials) => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: orchestrator
          cluster:
            server: {server.GetLeftPart(UriPartial.Authority)}
        {clusterExtra}contexts:
        - name: orchestrator
          context:
            cluster: orchestrator
            user: {userName}
            namespace: default
        current-context: orchestrator
        users:
        - name: {userName}
          user:
        {credentials}

        """;

    private static string WriteText(string path, string text)
    {
        var full = Path.GetFullPath(path);
        PemFiles.WritePrivate(full, text);
        return full;
    }
}
