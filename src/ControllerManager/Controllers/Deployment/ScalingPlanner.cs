namespace Orchestrator.ControllerManager.Controllers.Deployment;

/// <summary>
/// Scaling a deployment outside a rollout step (upstream's <c>scale</c> / <c>isScalingEvent</c>): a
/// lone active ReplicaSet takes the whole count; during a rollout the difference is spread over
/// the active ReplicaSets in proportion to their size (proportional scaling), leftovers going to the largest.
/// </summary>
internal static class ScalingPlanner
{
    /// <summary>True when an active ReplicaSet was sized for a different <c>spec.replicas</c>.</summary>
    public static bool IsScalingEvent(V1Deployment d, V1ReplicaSet? newRs, IEnumerable<V1ReplicaSet> oldRss) =>
        oldRss.Append(newRs).Where(ReplicaSets.IsActive).Any(rs =>
            ReplicaSets.IntAnnotation(rs!, DeploymentAnnotations.DesiredReplicas) is { } desired && desired != RolloutLimits.Replicas(d));

    public static IReadOnlyList<ScaleStep> Plan(V1Deployment d, V1ReplicaSet? newRs, IReadOnlyList<V1ReplicaSet> oldRss)
    {
        var desired = RolloutLimits.Replicas(d);
        if (ActiveOrLatest(newRs, oldRss) is { } only)
        {
            var size = ReplicaSets.Replicas(only);
            return size == desired ? [] : [new ScaleStep(only, desired, size < desired ? "up" : "down")];
        }

        if (IsSaturated(d, newRs))
        {
            return [.. oldRss.Where(ReplicaSets.IsActive).Select(rs => new ScaleStep(rs, 0, "down"))];
        }

        if (!RolloutLimits.IsRollingUpdate(d))
        {
            return [];
        }

        var active = oldRss.Append(newRs).Where(ReplicaSets.IsActive).Select(rs => rs!).ToList();
        var allowed = desired > 0 ? desired + RolloutLimits.MaxSurge(d) : 0;
        var toAdd = allowed - ReplicaSets.SpecReplicas(active);
        var operation = "";
        if (toAdd > 0)
        {
            active = [.. ReplicaSets.BySizeNewer(active)];
            operation = "up";
        }
        else if (toAdd < 0)
        {
            active = [.. ReplicaSets.BySizeOlder(active)];
            operation = "down";
        }

        var sizes = new int[active.Count];
        var added = 0;
        for (var i = 0; i < active.Count; i++)
        {
            var proportion = toAdd == 0 ? 0 : Proportion(active[i], d, toAdd, added);
            sizes[i] = ReplicaSets.Replicas(active[i]) + proportion;
            added += proportion;
        }

        if (active.Count > 0 && toAdd != 0)
        {
            sizes[0] = Math.Max(0, sizes[0] + toAdd - added);
        }

        // Every active ReplicaSet gets a step: its replica annotations follow the deployment even when its size stays.
        return [.. active.Select((rs, i) => new ScaleStep(rs, sizes[i], operation))];
    }

    /// <summary>The only active ReplicaSet; the newest one when none is active; null when several are.</summary>
    public static V1ReplicaSet? ActiveOrLatest(V1ReplicaSet? newRs, IReadOnlyList<V1ReplicaSet> oldRss)
    {
        if (newRs is null && oldRss.Count == 0)
        {
            return null;
        }

        var newestFirst = ReplicaSets.ByCreation(oldRss).Reverse().ToList();
        var active = newestFirst.Append(newRs).Where(ReplicaSets.IsActive).ToList();
        return active.Count switch
        {
            0 => newRs ?? newestFirst[0],
            1 => active[0],
            _ => null,
        };
    }

    /// <summary>The new ReplicaSet runs every desired replica, all available.</summary>
    public static bool IsSaturated(V1Deployment d, V1ReplicaSet? rs) =>
        rs is not null
        && ReplicaSets.Replicas(rs) == RolloutLimits.Replicas(d)
        && ReplicaSets.IntAnnotation(rs, DeploymentAnnotations.DesiredReplicas) == RolloutLimits.Replicas(d)
        && (rs.Status?.AvailableReplicas ?? 0) == RolloutLimits.Replicas(d);

    private static int Proportion(V1ReplicaSet rs, V1Deployment d, int toAdd, int added)
    {
        if (ReplicaSets.Replicas(rs) == 0 || toAdd == 0 || toAdd == added)
        {
            return 0;
        }

        var fraction = Fraction(rs, d);
        var allowed = toAdd - added;
        return toAdd > 0 ? Math.Min(fraction, allowed) : Math.Max(fraction, allowed);
    }

    private static int Fraction(V1ReplicaSet rs, V1Deployment d)
    {
        var size = ReplicaSets.Replicas(rs);
        if (RolloutLimits.Replicas(d) == 0)
        {
            return -size;
        }

        var deploymentReplicas = RolloutLimits.Replicas(d) + RolloutLimits.MaxSurge(d);
        var annotated = ReplicaSets.IntAnnotation(rs, DeploymentAnnotations.MaxReplicas) ?? d.Status?.Replicas ?? 0;
        if (annotated == 0)
        {
            return 0;
        }

        // Go's math.Round: halves away from zero.
        var newSize = (int)Math.Round((double)size * deploymentReplicas / annotated, MidpointRounding.AwayFromZero);
        return newSize - size;
    }
}
