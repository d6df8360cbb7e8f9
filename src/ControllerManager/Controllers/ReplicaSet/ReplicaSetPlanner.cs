namespace Orchestrator.ControllerManager.Controllers.ReplicaSet;

/// <summary>
/// The pure decision of a ReplicaSet sync (upstream's <c>syncReplicaSet</c> / <c>claimPods</c> /
/// <c>manageReplicas</c>): claim pods by controller reference and selector, then compare the active
/// controlled pods with <c>spec.replicas</c>.
/// </summary>
internal static class ReplicaSetPlanner
{
    /// <summary>Upstream's <c>BurstReplicas</c>: at most this many creates or deletes per sync.</summary>
    public const int BurstReplicas = 500;

    /// <param name="rs">The ReplicaSet.</param>
    /// <param name="namespacePods">Every pod of the ReplicaSet's namespace.</param>
    /// <param name="relatedPods">Pods of ReplicaSets with the same owner (for colocation ranking); may include these pods.</param>
    /// <param name="expectationsSatisfied">Whether earlier creates and deletes have been observed.</param>
    /// <param name="now">The current time.</param>
    /// <param name="burstReplicas">Cap on creates/deletes per sync.</param>
    public static ReplicaSetPlan Compute(
        V1ReplicaSet rs,
        IEnumerable<V1Pod> namespacePods,
        IEnumerable<V1Pod> relatedPods,
        bool expectationsSatisfied,
        DateTimeOffset now,
        int burstReplicas = BurstReplicas)
    {
        var deleting = rs.Metadata.DeletionTimestamp is not null;
        var adopt = new List<V1Pod>();
        var release = new List<V1Pod>();
        var active = new List<V1Pod>();
        foreach (var pod in namespacePods.Where(PodState.IsActive))
        {
            switch (ControllerRefClaims.Of(rs.Metadata, rs.Spec.Selector, pod.Metadata))
            {
                case ControllerRefClaim.Keep:
                    active.Add(pod);
                    break;
                case ControllerRefClaim.Release:
                    release.Add(pod);
                    break;
                case ControllerRefClaim.Adopt:
                    adopt.Add(pod);
                    active.Add(pod);
                    break;
            }
        }

        var desired = rs.Spec.Replicas ?? 1;
        var diff = active.Count - desired;
        var manage = expectationsSatisfied && !deleting;
        if (!manage || diff == 0)
        {
            return new ReplicaSetPlan(adopt, release, active, manage, 0, []) { Diff = diff };
        }

        if (diff < 0)
        {
            return new ReplicaSetPlan(adopt, release, active, manage, Math.Min(-diff, burstReplicas), []) { Diff = diff };
        }

        var toDelete = Math.Min(diff, burstReplicas);
        return new ReplicaSetPlan(adopt, release, active, manage, 0, PodsToDelete(active, relatedPods, toDelete, now)) { Diff = diff };
    }

    /// <summary>The <paramref name="count"/> pods a scale-down should remove, best candidates first.</summary>
    public static IReadOnlyList<V1Pod> PodsToDelete(IReadOnlyList<V1Pod> active, IEnumerable<V1Pod> related, int count, DateTimeOffset now)
    {
        if (count >= active.Count)
        {
            return active;
        }

        var ranks = PodDeletionOrder.RankByColocation(active, related);
        return [.. active.Order(new PodDeletionOrder(ranks, now)).Take(count)];
    }
}
