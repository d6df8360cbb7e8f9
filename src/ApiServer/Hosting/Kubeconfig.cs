namespace Orchestrator.ApiServer.Hosting;

/// <summary>
/// Writes a kubeconfig that points kubectl at this server. The user carries a bearer token because
/// some clients (the C# KubernetesClient) refuse a user without credentials; the server does not
/// check it yet (plain HTTP on loopback until the security issue adds TLS and authentication).
/// </summary>
public static class Kubeconfig
{
    /// <summary>Writes the file (mode 0600 on Unix) and returns its path.</summary>
    public static string Write(string path, Uri server)
    {
        ArgumentNullException.ThrowIfNull(server);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var text = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: orchestrator
              cluster:
                server: {server.GetLeftPart(UriPartial.Authority)}
            contexts:
            - name: orchestrator
              context:
                cluster: orchestrator
                user: admin
                namespace: default
            current-context: orchestrator
            users:
            - name: admin
              user:
                token: {Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant()}

            """;
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }
}
