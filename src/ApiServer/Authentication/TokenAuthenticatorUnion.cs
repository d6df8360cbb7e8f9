namespace Orchestrator.ApiServer.Authentication;

/// <summary>
/// Upstream's token union: the first authenticator that authenticates the token wins; when none
/// does, the failures are joined (a token every authenticator calls "not mine" is "not mine").
/// </summary>
internal sealed class TokenAuthenticatorUnion(IReadOnlyList<ITokenAuthenticator> authenticators) : ITokenAuthenticator
{
    public async ValueTask<AuthenticationOutcome> AuthenticateAsync(string token, IReadOnlyList<string> audiences, CancellationToken cancellationToken)
    {
        List<string>? errors = null;
        foreach (var authenticator in authenticators)
        {
            var outcome = await authenticator.AuthenticateAsync(token, audiences, cancellationToken);
            if (outcome.Authenticated)
            {
                return outcome;
            }

            if (outcome.Error is { } error)
            {
                (errors ??= []).Add(error);
            }
        }

        return errors is null ? AuthenticationOutcome.NotMine : AuthenticationOutcome.Failure(string.Join(", ", errors));
    }
}
