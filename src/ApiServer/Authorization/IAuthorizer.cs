namespace Orchestrator.ApiServer.Authorization;

/// <summary>An authorizer's answer (upstream's Decision): allow, deny, or leave it to the next authorizer.</summary>
public enum AuthorizationDecision
{
    NoOpinion,
    Allow,
    Deny,
}

/// <summary>One authorizer of the chain (Node, RBAC …); the first Allow or Deny wins, as upstream's union authorizer.</summary>
public interface IAuthorizer
{
    /// <summary>The decision and, for Deny or NoOpinion, the reason (appended to the 403 message as upstream does).</summary>
    (AuthorizationDecision Decision, string Reason) Authorize(AuthorizationAttributes attributes);
}
