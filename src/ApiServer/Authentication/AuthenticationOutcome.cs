namespace Orchestrator.ApiServer.Authentication;

/// <summary>
/// What one authenticator made of a credential (upstream's <c>(*Response, ok, err)</c>): a user,
/// "not mine" (the credential is not of this authenticator's kind, the next one tries), or a
/// failure (the credential is of this kind but invalid: the request is answered 401).
/// </summary>
/// <param name="User">The authenticated user; null when not authenticated.</param>
/// <param name="Audiences">The audiences the credential is valid for among those asked (empty when not audience-bound).</param>
/// <param name="Error">Why the credential was refused; null for a user or "not mine".</param>
internal sealed record AuthenticationOutcome(UserInfo? User, IReadOnlyList<string> Audiences, string? Error)
{
    public static AuthenticationOutcome NotMine { get; } = new(null, [], null);

    public bool Authenticated => User is not null;

    public static AuthenticationOutcome Success(UserInfo user, IReadOnlyList<string>? audiences = null) => new(user, audiences ?? [], null);

    public static AuthenticationOutcome Failure(string error) => new(null, [], error);
}
