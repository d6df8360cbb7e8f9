namespace Orchestrator.ApiServer.Storage.Encryption;

/// <summary>
/// Upstream's aesgcm encryption provider for values at rest: <c>k8s:enc:aesgcm:v1:&lt;key name&gt;:</c>,
/// then a random 12-byte nonce, the ciphertext and the 16-byte tag; the storage key is the
/// authenticated data, so a value copied under another key does not decrypt. Values without the
/// prefix were written before encryption was turned on and are read as they are (upstream's identity
/// provider listed second).
/// </summary>
public sealed class AesGcmTransformer : IDisposable
{
    public const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly AesGcm _aes;
    private readonly byte[] _prefix;

    public AesGcmTransformer(ReadOnlySpan<byte> key, string keyName = "key1")
    {
        if (key.Length is not (16 or 24 or 32))
        {
            throw new ArgumentException($"an AES-GCM key is 16, 24 or 32 bytes, not {key.Length}", nameof(key));
        }

        _aes = new AesGcm(key, TagSize);
        _prefix = Encoding.ASCII.GetBytes($"k8s:enc:aesgcm:v1:{keyName}:");
    }

    /// <summary>The prefix every encrypted value starts with.</summary>
    public ReadOnlySpan<byte> Prefix => _prefix;

    public byte[] Encrypt(string storageKey, ReadOnlySpan<byte> plaintext)
    {
        var output = new byte[_prefix.Length + NonceSize + plaintext.Length + TagSize];
        _prefix.CopyTo(output, 0);
        var nonce = output.AsSpan(_prefix.Length, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        var ciphertext = output.AsSpan(_prefix.Length + NonceSize, plaintext.Length);
        var tag = output.AsSpan(_prefix.Length + NonceSize + plaintext.Length, TagSize);
        _aes.Encrypt(nonce, plaintext, ciphertext, tag, Encoding.UTF8.GetBytes(storageKey));
        return output;
    }

    /// <exception cref="CryptographicException">The value was encrypted with another key or altered.</exception>
    public byte[] Decrypt(string storageKey, byte[] stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!stored.AsSpan().StartsWith(_prefix))
        {
            return stored;
        }

        var body = stored.AsSpan(_prefix.Length);
        if (body.Length < NonceSize + TagSize)
        {
            throw new CryptographicException($"the encrypted value of {storageKey} is truncated");
        }

        var plaintext = new byte[body.Length - NonceSize - TagSize];
        _aes.Decrypt(body[..NonceSize], body.Slice(NonceSize, plaintext.Length), body[^TagSize..], plaintext, Encoding.UTF8.GetBytes(storageKey));
        return plaintext;
    }

    /// <summary>Reads a key file: the base64 of 32 random bytes (e.g. <c>head -c 32 /dev/urandom | base64</c>).</summary>
    /// <exception cref="FormatException">The file does not hold the base64 of a 16, 24 or 32-byte key.</exception>
    public static byte[] ReadKeyFile(string path)
    {
        var text = File.ReadAllText(path).Trim();
        byte[] key;
        try
        {
            key = Convert.FromBase64String(text);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path} must hold a base64-encoded AES key (head -c 32 /dev/urandom | base64)", e);
        }

        return key.Length is 16 or 24 or 32 ? key : throw new FormatException($"{path} holds a {key.Length}-byte key; AES-GCM needs 16, 24 or 32 bytes");
    }

    public void Dispose() => _aes.Dispose();
}
