using k8s.Models;

namespace Orchestrator.ApiMachinery.Scheduling;

/// <summary>
/// Taint/toleration matching with upstream's semantics (k8s.io/api core/v1 toleration.go
/// <c>ToleratesTaint</c>): an empty effect matches every effect, an empty key with <c>Exists</c>
/// matches every taint, and <c>Equal</c> (or no operator) compares values. API validation refuses
/// <c>Equal</c> without a key, so matching does not re-check it. The one copy every component uses.
/// </summary>
public static class Tolerations
{
    public static bool Tolerates(V1Toleration toleration, V1Taint taint)
    {
        ArgumentNullException.ThrowIfNull(toleration);
        ArgumentNullException.ThrowIfNull(taint);
        if (!string.IsNullOrEmpty(toleration.Effect) && toleration.Effect != taint.Effect)
        {
            return false;
        }

        if (!string.IsNullOrEmpty(toleration.Key) && toleration.Key != taint.Key)
        {
            return false;
        }

        return toleration.OperatorProperty switch
        {
            null or "" or "Equal" => (toleration.Value ?? "") == (taint.Value ?? ""),
            "Exists" => true,
            _ => false,
        };
    }

    /// <summary>Whether any of <paramref name="tolerations"/> tolerates <paramref name="taint"/>.</summary>
    public static bool Tolerated(V1Taint taint, IEnumerable<V1Toleration>? tolerations) =>
        tolerations?.Any(t => Tolerates(t, taint)) == true;

    /// <summary>The first taint (in node order) passing <paramref name="filter"/> that no toleration tolerates.</summary>
    public static V1Taint? FindUntolerated(IEnumerable<V1Taint>? taints, IEnumerable<V1Toleration>? tolerations, Func<V1Taint, bool> filter) =>
        taints?.FirstOrDefault(taint => filter(taint) && !Tolerated(taint, tolerations));
}
