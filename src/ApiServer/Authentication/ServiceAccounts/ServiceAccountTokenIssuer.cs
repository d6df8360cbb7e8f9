namespace Orchestrator.ApiServer.Authentication.ServiceAccounts;

/// <summary>
/// Issues bound service-account tokens (upstream's TokenREST and <c>serviceaccount.Claims</c>):
/// <c>iat</c> = <c>nbf</c> = now, a random <c>jti</c>, and upstream's safe-rollout extension
/// (--service-account-extend-token-expiration, on by default): a pod-bound token for the API
/// audiences requested for exactly 3607 s (the kubelet's projected token) is valid for a year and
/// carries <c>warnafter</c> at the requested lifetime.
/// </summary>
internal sealed class ServiceAccountTokenIssuer(ServiceAccountTokenKeys keys, TimeProvider time)
{
    public const long WarnOnlyBoundTokenExpirationSeconds = (60 * 60) + 7;
    public const long ExpirationExtensionSeconds = 24L * 365 * 60 * 60;

    /// <summary>The signed token and the expiration the TokenRequest reports (the requested lifetime from now).</summary>
    public (string Token, DateTimeOffset Expiration) Issue(TokenGrant grant)
    {
        var now = time.GetUtcNow();
        var seconds = now.ToUnixTimeSeconds();
        long? warnAfter = null;
        var lifetime = grant.ExpirationSeconds;
        if (grant.Pod is not null && lifetime == WarnOnlyBoundTokenExpirationSeconds && grant.Audiences.All(a => keys.ApiAudiences.Contains(a, StringComparer.Ordinal)))
        {
            warnAfter = seconds + lifetime;
            lifetime = ExpirationExtensionSeconds;
        }

        var claims = new ServiceAccountClaims
        {
            Issuer = keys.Issuer,
            Audiences = grant.Audiences,
            Expiry = seconds + lifetime,
            IssuedAt = seconds,
            NotBefore = seconds,
            Id = Guid.NewGuid().ToString(),
            Namespace = grant.Namespace,
            ServiceAccount = grant.ServiceAccount,
            Pod = grant.Pod,
            Secret = grant.Pod is null ? grant.Secret : null,
            Node = grant.Node,
            WarnAfter = warnAfter,
        };
        return (keys.Sign(claims), DateTimeOffset.FromUnixTimeSeconds(seconds + grant.ExpirationSeconds));
    }
}
