namespace Orchestrator.ApiMachinery.Certificates;

/// <summary>
/// Certificate and key files as kubeadm and the kubelet keep them: PEM, keys (and anything holding
/// one, such as a kubeconfig) readable by the owner only (0600), certificates 0644.
/// </summary>
public static class PemFiles
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Public = Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Writes <paramref name="text"/> to a file created (or truncated) with mode 0600 before anything is written to it.</summary>
    public static void WritePrivate(string path, string text) => Write(path, text, Private);

    /// <summary>Writes <paramref name="text"/> with mode 0644.</summary>
    public static void WritePublic(string path, string text) => Write(path, text, Public);

    /// <summary>
    /// Writes <paramref name="certificate"/> (then <paramref name="chain"/>, if any) to <paramref name="certificatePath"/>
    /// and its private key to <paramref name="keyPath"/> (0600).
    /// </summary>
    public static void WriteCertificateAndKey(X509Certificate2 certificate, string certificatePath, string keyPath, X509Certificate2? chain = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        WritePrivate(keyPath, Pem.PrivateKey(certificate));
        WritePublic(certificatePath, Pem.Certificate(certificate) + (chain is null ? "" : Pem.Certificate(chain)));
    }

    /// <summary>The certificate (the first of the file) with its key, or null when either file is missing.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">A file is not PEM, or the key does not match.</exception>
    public static X509Certificate2? ReadCertificateAndKey(string certificatePath, string keyPath) =>
        File.Exists(certificatePath) && File.Exists(keyPath)
            ? Pem.CertificateWithKey(File.ReadAllText(certificatePath), File.ReadAllText(keyPath))
            : null;

    private static void Write(string path, string text, UnixFileMode mode)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        using (var writer = new StreamWriter(new FileStream(full, options)))
        {
            writer.Write(text);
        }

        if (!OperatingSystem.IsWindows())
        {
            // An existing file keeps its old mode through FileMode.Create: set it explicitly.
            File.SetUnixFileMode(full, mode);
        }
    }
}
