using Orchestrator.ApiMachinery.Bootstrap;
using static Orchestrator.ApiMachinery.Bootstrap.BootstrapTokenSecrets;

namespace Orchestrator.ControllerManager.Controllers.BootstrapSigner;

/// <summary>
/// Upstream's bootstrapsigner (pkg/controller/bootstrap/bootstrapsigner.go) as a pure decision: the
/// cluster-info data it should hold is its <c>kubeconfig</c>, one <c>jws-kubeconfig-&lt;id&gt;</c> per
/// unexpired token with usage-bootstrap-signing, and nothing stale; other keys stay.
/// </summary>
internal static class ClusterInfoSignaturePlanner
{
    /// <summary>The data cluster-info should have, or null when it already has it (or has no kubeconfig to sign).</summary>
    public static IDictionary<string, string>? Plan(IDictionary<string, string>? data, IEnumerable<BootstrapTokenSecret> tokens, DateTimeOffset now)
    {
        if (data is null || !data.TryGetValue(KubeconfigKey, out var kubeconfig))
        {
            return null;
        }

        var desired = data.Where(kv => !kv.Key.StartsWith(JwsKeyPrefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        foreach (var token in tokens.Where(t => t.HasUsage("signing") && !t.IsExpired(now)))
        {
            var key = JwsKeyPrefix + token.Token.Id;

            // HS256 is deterministic: an existing signature of the same payload and token is kept as it is.
            desired[key] = data.TryGetValue(key, out var existing) && Verifies(existing, kubeconfig, token.Token) ? existing : DetachedJws.Sign(kubeconfig, token.Token);
        }

        var same = desired.Count == data.Count && desired.All(kv => data.TryGetValue(kv.Key, out var v) && v == kv.Value);
        return same ? null : desired;
    }

    private static bool Verifies(string jws, string payload, BootstrapToken token)
    {
        try
        {
            return DetachedJws.Verify(jws, payload, token);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
