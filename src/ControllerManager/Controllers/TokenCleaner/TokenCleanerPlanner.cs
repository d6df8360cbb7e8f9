using Orchestrator.ApiMachinery.Bootstrap;

namespace Orchestrator.ControllerManager.Controllers.TokenCleaner;

/// <summary>
/// Upstream's tokencleaner (pkg/controller/bootstrap/tokencleaner.go): a bootstrap-token Secret whose
/// expiration has passed is deleted; one that expires later is looked at again then.
/// </summary>
internal static class TokenCleanerPlanner
{
    /// <summary>Delete now (Zero), look again after the returned time, or leave alone (null: no expiry, or not a token).</summary>
    public static TimeSpan? Plan(V1Secret secret, DateTimeOffset now)
    {
        if (BootstrapTokenSecret.FromSecret(secret) is not { Expires: { } expires })
        {
            return null;
        }

        return expires <= now ? TimeSpan.Zero : expires - now;
    }
}
