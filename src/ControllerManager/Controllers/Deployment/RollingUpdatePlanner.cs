namespace Orchestrator.ControllerManager.Controllers.Deployment;

/// <summary>
/// One step of a RollingUpdate rollout (upstream's <c>rolloutRolling</c>): scale the new ReplicaSet
/// up as far as maxSurge allows; if it could not grow, scale old ReplicaSets down as far as
/// maxUnavailable allows — unhealthy old replicas first. Never more than
/// <c>replicas + maxSurge</c> pods in total, never fewer than <c>replicas - maxUnavailable</c> available.
/// </summary>
internal static class RollingUpdatePlanner
{
    /// <summary>The size the new ReplicaSet may grow to now (upstream's <c>NewRSNewReplicas</c>).</summary>
    public static int NewReplicaSetReplicas(V1Deployment d, IEnumerable<V1ReplicaSet?> allRss, V1ReplicaSet newRs)
    {
        var desired = RolloutLimits.Replicas(d);
        if (!RolloutLimits.IsRollingUpdate(d))
        {
            return desired;
        }

        var maxSurge = RolloutLimits.Scaled(d.Spec.Strategy?.RollingUpdate?.MaxSurge?.Value, desired, roundUp: true);
        // Upstream counts spec replicas only, so while an old ReplicaSet is still deleting a pod the
        // new one may already add one: a moment above maxSurge. Counting the pods not yet gone keeps
        // the total within replicas + maxSurge at every instant.
        var current = ReplicaSets.PodsUpperBound(allRss);
        var maxTotal = desired + maxSurge;
        if (current >= maxTotal)
        {
            return ReplicaSets.Replicas(newRs);
        }

        var scaleUp = Math.Min(maxTotal - current, desired - ReplicaSets.Replicas(newRs));
        return ReplicaSets.Replicas(newRs) + scaleUp;
    }

    /// <param name="d">The deployment.</param>
    /// <param name="newRs">Its new ReplicaSet (already created).</param>
    /// <param name="oldRss">All its other ReplicaSets.</param>
    public static IReadOnlyList<ScaleStep> Plan(V1Deployment d, V1ReplicaSet newRs, IReadOnlyList<V1ReplicaSet> oldRss)
    {
        var all = oldRss.Append(newRs).ToList();
        var desired = RolloutLimits.Replicas(d);
        var newReplicas = ReplicaSets.Replicas(newRs);
        if (newReplicas != desired)
        {
            var target = newReplicas > desired ? desired : NewReplicaSetReplicas(d, all, newRs);
            if (target != newReplicas)
            {
                return [new ScaleStep(newRs, target, target > newReplicas ? "up" : "down")];
            }
        }

        return ScaleDownOld(d, newRs, [.. oldRss.Where(ReplicaSets.IsActive)]);
    }

    private static List<ScaleStep> ScaleDownOld(V1Deployment d, V1ReplicaSet newRs, List<V1ReplicaSet> oldRss)
    {
        var oldPods = ReplicaSets.SpecReplicas(oldRss);
        if (oldPods == 0)
        {
            return [];
        }

        var allPods = oldPods + ReplicaSets.Replicas(newRs);
        var minAvailable = RolloutLimits.Replicas(d) - RolloutLimits.MaxUnavailable(d);
        var newUnavailable = ReplicaSets.Replicas(newRs) - (newRs.Status?.AvailableReplicas ?? 0);
        var maxScaledDown = allPods - minAvailable - newUnavailable;
        if (maxScaledDown <= 0)
        {
            return [];
        }

        var sizes = oldRss.ToDictionary(rs => rs.Metadata.Name, ReplicaSets.Replicas);

        // Unhealthy replicas first: they would otherwise block the rollout until it times out.
        var cleaned = 0;
        foreach (var rs in ReplicaSets.ByCreation(oldRss))
        {
            if (cleaned >= maxScaledDown)
            {
                break;
            }

            var size = sizes[rs.Metadata.Name];
            var available = rs.Status?.AvailableReplicas ?? 0;
            if (size == 0 || size == available)
            {
                continue;
            }

            var count = Math.Min(maxScaledDown - cleaned, size - available);
            sizes[rs.Metadata.Name] = size - count;
            cleaned += count;
        }

        // Then healthy ones, as far as the available pods allow.
        var availablePods = ReplicaSets.AvailableReplicas(oldRss.Append(newRs));
        if (availablePods > minAvailable)
        {
            var total = availablePods - minAvailable;
            var scaled = 0;
            foreach (var rs in ReplicaSets.ByCreation(oldRss))
            {
                if (scaled >= total)
                {
                    break;
                }

                var size = sizes[rs.Metadata.Name];
                if (size == 0)
                {
                    continue;
                }

                var count = Math.Min(size, total - scaled);
                sizes[rs.Metadata.Name] = size - count;
                scaled += count;
            }
        }

        return [.. ReplicaSets.ByCreation(oldRss)
            .Where(rs => sizes[rs.Metadata.Name] != ReplicaSets.Replicas(rs))
            .Select(rs => new ScaleStep(rs, sizes[rs.Metadata.Name], "down"))];
    }
}
