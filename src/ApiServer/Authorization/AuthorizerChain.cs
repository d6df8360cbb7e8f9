namespace Orchestrator.ApiServer.Authorization;

/// <summary>
/// The authorizers of <see cref="Hosting.ApiServerSecurity.AuthorizationModes"/>, in order: the first
/// Allow or Deny decides; when all have no opinion the request is denied with their reasons
/// (upstream's union authorizer).
/// </summary>
public sealed class AuthorizerChain(IReadOnlyList<IAuthorizer> authorizers) : IAuthorizer
{
    public IReadOnlyList<IAuthorizer> Authorizers => authorizers;

    public (AuthorizationDecision Decision, string Reason) Authorize(AuthorizationAttributes attributes)
    {
        var reasons = new List<string>();
        foreach (var authorizer in authorizers)
        {
            var (decision, reason) = authorizer.Authorize(attributes);
            if (decision != AuthorizationDecision.NoOpinion)
            {
                return (decision, reason);
            }

            if (reason.Length > 0)
            {
                reasons.Add(reason);
            }
        }

        return (AuthorizationDecision.NoOpinion, string.Join(", ", reasons));
    }
}
