namespace Orchestrator.ApiServer.Authentication;

/// <summary>
/// Upstream's AuthenticatedGroupAdder: every authenticated user is in <c>system:authenticated</c>.
/// Applied where results are cached (the token cache's inner authenticator, the certificate
/// cache), so a cached user is reused as is instead of being copied on every request.
/// </summary>
internal sealed class AuthenticatedGroupAdder(ITokenAuthenticator inner) : ITokenAuthenticator
{
    public async ValueTask<AuthenticationOutcome> AuthenticateAsync(string token, IReadOnlyList<string> audiences, CancellationToken cancellationToken) =>
        Add(await inner.AuthenticateAsync(token, audiences, cancellationToken));

    /// <summary>The outcome with <c>system:authenticated</c> among its user's groups (unchanged when not authenticated or already there).</summary>
    public static AuthenticationOutcome Add(AuthenticationOutcome outcome) =>
        outcome.User is not { } user || user.Groups.Contains(UserInfo.AllAuthenticated, StringComparer.Ordinal)
            ? outcome
            : outcome with { User = user with { Groups = [.. user.Groups, UserInfo.AllAuthenticated] } };
}
