using Orchestrator.ApiServer.Storage.Encryption;
using Orchestrator.Store;

namespace Orchestrator.Host.Commands;

/// <summary><c>--encryption-key-file F</c>: Secrets encrypted at rest with the AES-GCM key in F (base64).</summary>
internal static class SecretEncryption
{
    /// <summary>The store itself without a key file; else Secrets sealed with the key on the way in and opened on the way out.</summary>
    public static IStore Wrap(IStore store, string? keyFile)
    {
        if (keyFile is null)
        {
            return store;
        }

        if (!File.Exists(keyFile))
        {
            throw new UsageException($"--encryption-key-file {keyFile} does not exist (create one with: head -c 32 /dev/urandom | base64 > {keyFile})");
        }

        try
        {
            return new EncryptingStore(store, new AesGcmTransformer(AesGcmTransformer.ReadKeyFile(keyFile)), EncryptingStore.SecretsOnly);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--encryption-key-file: {e.Message}");
        }
    }
}
