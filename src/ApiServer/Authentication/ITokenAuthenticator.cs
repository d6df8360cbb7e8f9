namespace Orchestrator.ApiServer.Authentication;

/// <summary>
/// Authenticates a bearer token (upstream's <c>authenticator.Token</c>): service-account JWTs,
/// bootstrap tokens. Thread-safe; called once per request that carries a token (behind the token
/// cache) and by TokenReview.
/// </summary>
internal interface ITokenAuthenticator
{
    /// <summary>
    /// The user of <paramref name="token"/> when it is valid for one of <paramref name="audiences"/>
    /// (the API audiences for a request, a TokenReview's own otherwise); "not mine" when the token is
    /// not of this kind; a failure with the reason when it is of this kind but invalid.
    /// </summary>
    ValueTask<AuthenticationOutcome> AuthenticateAsync(string token, IReadOnlyList<string> audiences, CancellationToken cancellationToken);
}
