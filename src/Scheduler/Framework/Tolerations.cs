using k8s.Models;

namespace Orchestrator.Scheduler.Framework;

/// <summary>Upstream's toleration/taint matching (k8s.io/api core/v1 toleration.go).</summary>
public static class Tolerations
{
    public static bool Tolerates(V1Toleration toleration, V1Taint taint)
    {
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
            "Exists" => true,
            null or "" or "Equal" => !string.IsNullOrEmpty(toleration.Key) && (toleration.Value ?? string.Empty) == (taint.Value ?? string.Empty),
            _ => false,
        };
    }

    public static bool Tolerated(V1Taint taint, IList<V1Toleration>? tolerations)
    {
        if (tolerations is null)
        {
            return false;
        }

        foreach (var t in tolerations)
        {
            if (Tolerates(t, taint))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first taint (in node order) passing <paramref name="filter"/> that no toleration tolerates.</summary>
    public static V1Taint? FindUntolerated(IList<V1Taint>? taints, IList<V1Toleration>? tolerations, Func<V1Taint, bool> filter)
    {
        if (taints is null)
        {
            return null;
        }

        foreach (var taint in taints)
        {
            if (filter(taint) && !Tolerated(taint, tolerations))
            {
                return taint;
            }
        }

        return null;
    }
}
