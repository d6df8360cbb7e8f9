namespace Orchestrator.Kubelet.Server.Authorization;

/// <summary>Decides whether a user may act on a subresource of the kubelet's node (upstream's authorizer.Authorizer, webhook mode).</summary>
internal interface IKubeletAuthorizer
{
    /// <summary>True when allowed; throws when no decision could be had (the request is then a 500, as upstream's).</summary>
    Task<bool> AllowsAsync(KubeletUser user, string verb, string subresource, CancellationToken ct);
}
