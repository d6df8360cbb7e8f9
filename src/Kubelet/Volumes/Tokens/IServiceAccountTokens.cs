namespace Orchestrator.Kubelet.Volumes.Tokens;

/// <summary>
/// Service-account tokens for projected volumes (upstream's kubelet token manager): a token bound to
/// the pod, for the projection's audience and lifetime, requested through TokenRequest and reused
/// until it is due for renewal.
/// </summary>
internal interface IServiceAccountTokens
{
    /// <exception cref="VolumeSetupException">The API server refused or could not be reached, and no unexpired token is cached.</exception>
    Task<string> GetTokenAsync(V1Pod pod, V1ServiceAccountTokenProjection projection, CancellationToken ct);

    /// <summary>Forgets the tokens of a pod whose volumes are torn down.</summary>
    void Forget(string podUid);
}
