using System.Buffers.Text;

namespace Orchestrator.ApiServer.Authentication;

/// <summary>
/// Upstream's websocket protocol authenticator: browsers cannot set an Authorization header on a
/// websocket, so a token may come as the subprotocol
/// <c>base64url.bearer.authorization.k8s.io.&lt;unpadded base64url token&gt;</c> of an upgrade
/// request. Only one may be given; it is removed from the offered subprotocols once read.
/// </summary>
internal static class WebSocketBearerProtocol
{
    public const string Prefix = "base64url.bearer.authorization.k8s.io.";

    /// <summary>
    /// The token carried by a websocket upgrade request, null when there is none; a malformed or
    /// repeated one is an error. <paramref name="remaining"/> is the subprotocol list without it.
    /// </summary>
    public static string? Read(HttpRequest request, out string? error, out string remaining)
    {
        error = null;
        remaining = "";
        if (!IsWebSocketUpgrade(request))
        {
            return null;
        }

        string? encoded = null;
        var kept = new List<string>();
        foreach (var protocol in request.Headers.SecWebSocketProtocol.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            if (!protocol.StartsWith(Prefix, StringComparison.Ordinal))
            {
                kept.Add(protocol);
            }
            else if (encoded is not null)
            {
                error = "multiple base64.bearer.authorization tokens specified";
                return null;
            }
            else
            {
                encoded = protocol[Prefix.Length..];
            }
        }

        remaining = string.Join(", ", kept);
        if (encoded is null)
        {
            return null;
        }

        try
        {
            var token = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(encoded));
            error = token.Length == 0 ? "invalid bearer token" : null;
            return error is null ? token : null;
        }
        catch (FormatException)
        {
            error = "invalid base64.bearer.authorization token encoding";
            return null;
        }
    }

    private static bool IsWebSocketUpgrade(HttpRequest request) =>
        request.Headers.Upgrade.Any(u => string.Equals(u, "websocket", StringComparison.OrdinalIgnoreCase))
        && request.Headers.Connection.Any(c => (c ?? "").Contains("upgrade", StringComparison.OrdinalIgnoreCase));
}
