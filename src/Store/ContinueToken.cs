using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Store;

/// <summary>
/// The opaque continue token of a paged list: the snapshot revision and the last key returned.
/// Encoded as base64url JSON so it survives query strings unchanged.
/// </summary>
internal sealed record ContinueToken(
    [property: JsonPropertyName("rev")] long Revision,
    [property: JsonPropertyName("last")] string LastKey)
{
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this, ContinueTokenJson.Default.ContinueToken));

    /// <summary>Decodes a token for a list of <paramref name="prefix"/>, rejecting anything malformed or foreign.</summary>
    public static ContinueToken Decode(string token, string prefix)
    {
        ContinueToken? decoded;
        try
        {
            decoded = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(token), ContinueTokenJson.Default.ContinueToken);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw new StoreInvalidContinueException("not a token this store issued");
        }

        if (decoded is null || decoded.Revision <= 0 || decoded.LastKey is null)
        {
            throw new StoreInvalidContinueException("not a token this store issued");
        }

        if (!decoded.LastKey.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new StoreInvalidContinueException("the token belongs to another key prefix");
        }

        return decoded;
    }
}

[JsonSerializable(typeof(ContinueToken))]
internal sealed partial class ContinueTokenJson : JsonSerializerContext;
