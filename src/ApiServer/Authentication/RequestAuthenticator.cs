namespace Orchestrator.ApiServer.Authentication;

/// <summary>
/// Upstream's request authenticator chain, first match wins: the client certificate, then an
/// <c>Authorization: Bearer</c> token (through the token cache), then a websocket's bearer
/// subprotocol (<see cref="WebSocketBearerProtocol"/>), then — only for a request without
/// any credential — anonymous. A credential that is presented but not accepted is a failure (401),
/// never anonymous. The certificate and token authenticators given already add
/// <c>system:authenticated</c> (<see cref="AuthenticatedGroupAdder"/>) to the users they cache.
/// </summary>
internal sealed class RequestAuthenticator(ClientCertificateAuthenticator certificates, ITokenAuthenticator tokens, IReadOnlyList<string> apiAudiences, bool allowAnonymous)
{
    public async ValueTask<AuthenticationOutcome> AuthenticateAsync(HttpContext context)
    {
        List<string>? errors = null;
        if (context.Connection.ClientCertificate is { } certificate)
        {
            var outcome = certificates.Authenticate(certificate);
            if (outcome.Authenticated)
            {
                return outcome;
            }

            AddError(ref errors, outcome.Error);
        }

        if (BearerToken(context.Request) is { } token)
        {
            var outcome = await tokens.AuthenticateAsync(token, apiAudiences, context.RequestAborted);
            if (outcome.Authenticated)
            {
                return outcome;
            }

            AddError(ref errors, outcome.Error ?? "invalid bearer token");
        }

        if (WebSocketBearerProtocol.Read(context.Request, out var protocolError, out var otherProtocols) is { } socketToken)
        {
            var outcome = await tokens.AuthenticateAsync(socketToken, apiAudiences, context.RequestAborted);
            if (outcome.Authenticated)
            {
                // As upstream: the handler negotiates among the other subprotocols only.
                context.Request.Headers.SecWebSocketProtocol = otherProtocols.Length == 0 ? default : otherProtocols;
                return outcome;
            }

            AddError(ref errors, outcome.Error ?? "invalid bearer token");
        }

        AddError(ref errors, protocolError);
        if (errors is not null)
        {
            return AuthenticationOutcome.Failure(string.Join(", ", errors));
        }

        return allowAnonymous ? AuthenticationOutcome.Success(UserInfo.AnonymousUser) : AuthenticationOutcome.Failure("anonymous requests are not allowed");
    }

    /// <summary>A token as a request would present it, for <paramref name="audiences"/> (TokenReview's own or the API audiences).</summary>
    public ValueTask<AuthenticationOutcome> AuthenticateTokenAsync(string token, IReadOnlyList<string> audiences, CancellationToken cancellationToken) =>
        tokens.AuthenticateAsync(token, audiences, cancellationToken);

    /// <summary>The token of <c>Authorization: Bearer &lt;token&gt;</c> (scheme case-insensitive); null when absent, empty or of another scheme.</summary>
    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString().Trim();
        if (header.Length < 7 || !header.StartsWith("bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[7..].Trim();
        return token.Length == 0 ? null : token;
    }

    private static void AddError(ref List<string>? errors, string? error)
    {
        if (error is not null)
        {
            (errors ??= []).Add(error);
        }
    }
}
