using System.Buffers.Text;

namespace Orchestrator.ApiServer.Authentication.ServiceAccounts;

/// <summary>
/// Compact JWS (RFC 7515) with the asymmetric algorithms service-account keys use: ES256/ES384/ES512
/// for ECDSA P-256/384/521 and RS256 for RSA, as upstream's signer picks them from the key. The
/// <c>kid</c> header is upstream's: the unpadded base64url SHA-256 of the public key's
/// SubjectPublicKeyInfo. Thread-safe: the .NET key objects sign and verify concurrently.
/// </summary>
internal static class JsonWebSignature
{
    /// <summary>The JWS algorithm for <paramref name="key"/>; an unsupported key is refused at start-up.</summary>
    public static string AlgorithmOf(AsymmetricAlgorithm key) => key switch
    {
        ECDsa { KeySize: 256 } => "ES256",
        ECDsa { KeySize: 384 } => "ES384",
        ECDsa { KeySize: 521 } => "ES512",
        RSA { KeySize: >= 2048 } => "RS256",
        _ => throw new ArgumentException($"unsupported service-account signing key {key.GetType().Name} of {key.KeySize} bits (ECDSA P-256/384/521 or RSA of at least 2048 bits)", nameof(key)),
    };

    /// <summary>Upstream's key id: base64url(SHA-256(DER SubjectPublicKeyInfo)).</summary>
    public static string KeyIdOf(AsymmetricAlgorithm key) => Base64Url.EncodeToString(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));

    /// <summary>Signs <paramref name="payload"/> into a compact JWS.</summary>
    public static string Sign(JsonObject payload, AsymmetricAlgorithm key, string keyId)
    {
        var algorithm = AlgorithmOf(key);
        var header = new JsonObject { ["alg"] = algorithm, ["kid"] = keyId };
        var signingInput = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var data = Encoding.ASCII.GetBytes(signingInput);
        var signature = key switch
        {
            ECDsa ecdsa => ecdsa.SignData(data, HashOf(algorithm)),
            RSA rsa => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => throw new ArgumentException("unsupported key", nameof(key)),
        };
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>The payload of a compact JWS, unverified; null when <paramref name="token"/> is not one (three base64url parts, a JSON object payload).</summary>
    public static JsonObject? ReadPayload(string token)
    {
        var first = token.IndexOf('.', StringComparison.Ordinal);
        var last = token.LastIndexOf('.');
        if (first <= 0 || last == first || token.IndexOf('.', first + 1) != last)
        {
            return null;
        }

        return DecodeObject(token.AsSpan(first + 1, last - first - 1));
    }

    /// <summary>Whether <paramref name="token"/> carries a valid signature of <paramref name="key"/> with the key's algorithm (the header's <c>alg</c> must name it).</summary>
    public static bool Verify(string token, AsymmetricAlgorithm key)
    {
        var first = token.IndexOf('.', StringComparison.Ordinal);
        var last = token.LastIndexOf('.');
        if (first <= 0 || last == first)
        {
            return false;
        }

        var algorithm = AlgorithmOf(key);
        if (DecodeObject(token.AsSpan(0, first)) is not { } header || header["alg"] is not JsonValue alg || alg.GetValueKind() != JsonValueKind.String || alg.GetValue<string>() != algorithm)
        {
            return false;
        }

        byte[] signature;
        try
        {
            signature = Base64Url.DecodeFromChars(token.AsSpan(last + 1));
        }
        catch (FormatException)
        {
            return false;
        }

        var data = Encoding.ASCII.GetBytes(token[..last]);
        return key switch
        {
            ECDsa ecdsa => ecdsa.VerifyData(data, signature, HashOf(algorithm)),
            RSA rsa => rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => false,
        };
    }

    private static HashAlgorithmName HashOf(string algorithm) => algorithm switch
    {
        "ES384" => HashAlgorithmName.SHA384,
        "ES512" => HashAlgorithmName.SHA512,
        _ => HashAlgorithmName.SHA256,
    };

    private static JsonObject? DecodeObject(ReadOnlySpan<char> part)
    {
        try
        {
            return JsonNode.Parse(Base64Url.DecodeFromChars(part)) as JsonObject;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }
}
