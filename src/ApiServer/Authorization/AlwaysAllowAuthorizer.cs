namespace Orchestrator.ApiServer.Authorization;

/// <summary>Upstream's AlwaysAllow mode: every request is allowed (the in-process test servers, and <c>--authorization-mode AlwaysAllow</c>).</summary>
public sealed class AlwaysAllowAuthorizer : IAuthorizer
{
    public static AlwaysAllowAuthorizer Instance { get; } = new();

    public (AuthorizationDecision Decision, string Reason) Authorize(AuthorizationAttributes attributes) => (AuthorizationDecision.Allow, "");
}
