using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.ApiMachinery.Bootstrap;

/// <summary>
/// The detached JWS that signs cluster-info per bootstrap token (upstream's bootstrap/token/jws):
/// <c>base64url(header) + ".." + base64url(signature)</c>, header <c>{"alg":"HS256","kid":"&lt;id&gt;"}</c>,
/// HMAC-SHA256 over <c>header.payload</c> keyed with the full token <c>id.secret</c>; the payload (the
/// kubeconfig) is left out. A verifier insists on HS256 and on the token's own id.
/// </summary>
public static class DetachedJws
{
    public static string Sign(string payload, BootstrapToken token)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(token);
        var header = Base64Url(Encoding.UTF8.GetBytes($$"""{"alg":"HS256","kid":"{{token.Id}}"}"""));
        return header + ".." + Base64Url(Mac(header, payload, token));
    }

    /// <summary>Whether <paramref name="jws"/> is this token's HS256 signature of <paramref name="payload"/>.</summary>
    /// <exception cref="FormatException">A malformed signature, another algorithm or another key id, with the reason.</exception>
    public static bool Verify(string jws, string payload, BootstrapToken token)
    {
        ArgumentNullException.ThrowIfNull(jws);
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(token);
        var parts = jws.Split('.');
        if (parts.Length != 3 || parts[1].Length != 0)
        {
            throw new FormatException("the signature is not a detached JWS (header..signature)");
        }

        JsonObject header;
        try
        {
            header = JsonNode.Parse(FromBase64Url(parts[0])) as JsonObject ?? throw new FormatException("the JWS header is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new FormatException("the JWS header is not JSON: " + e.Message, e);
        }

        var alg = header["alg"] is JsonValue a && a.TryGetValue<string>(out var algText) ? algText : null;
        if (alg != "HS256")
        {
            throw new FormatException($"the JWS algorithm is \"{alg}\", only HS256 is accepted");
        }

        var kid = header["kid"] is JsonValue k && k.TryGetValue<string>(out var kidText) ? kidText : null;
        if (kid != token.Id)
        {
            throw new FormatException($"the JWS key id is \"{kid}\", not the token id \"{token.Id}\"");
        }

        var expected = Mac(parts[0], payload, token);
        return CryptographicOperations.FixedTimeEquals(expected, FromBase64Url(parts[2]));
    }

    private static byte[] Mac(string encodedHeader, string payload, BootstrapToken token) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(token.ToString()), Encoding.ASCII.GetBytes(encodedHeader + "." + Base64Url(Encoding.UTF8.GetBytes(payload))));

    private static string Base64Url(byte[] data) => Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException e)
        {
            throw new FormatException("the JWS is not base64url: " + e.Message, e);
        }
    }
}
