using System.Security.Cryptography;

namespace Orchestrator.Host.Commands;

/// <summary>The kubeconfig `join` writes for its kubelet: the server, the CA, the node's client certificate and key, all embedded; mode 0600.</summary>
internal static class KubeletKubeconfig
{
    public static void Write(string path, Uri server, X509Certificate2 ca, string certificatePem, ECDsa key, string user)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var text = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: orchestrator
              cluster:
                server: {server.GetLeftPart(UriPartial.Authority)}
                certificate-authority-data: {Pem.Base64(Pem.Certificate(ca))}
            contexts:
            - name: {user}@orchestrator
              context:
                cluster: orchestrator
                user: {user}
            current-context: {user}@orchestrator
            users:
            - name: {user}
              user:
                client-certificate-data: {Pem.Base64(certificatePem)}
                client-key-data: {Pem.Base64(Pem.PrivateKey(key))}

            """;

        // Created with 0600 from the start: the key is never readable by others, not even briefly.
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(text);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
