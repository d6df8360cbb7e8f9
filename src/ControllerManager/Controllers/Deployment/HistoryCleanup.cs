namespace Orchestrator.ControllerManager.Controllers.Deployment;

/// <summary>
/// Which old ReplicaSets exceed <c>revisionHistoryLimit</c> and may be deleted (upstream's
/// <c>cleanupDeployment</c>): oldest revisions first, only ones scaled to zero with no pods left and
/// whose status caught up with their spec.
/// </summary>
internal static class HistoryCleanup
{
    public static IReadOnlyList<V1ReplicaSet> ReplicaSetsToDelete(V1Deployment d, IEnumerable<V1ReplicaSet> oldRss)
    {
        if (d.Spec.RevisionHistoryLimit is not { } limit)
        {
            return [];
        }

        var cleanable = oldRss.Where(rs => rs.Metadata.DeletionTimestamp is null).ToList();
        var diff = cleanable.Count - limit;
        if (diff <= 0)
        {
            return [];
        }

        return [.. ReplicaSets.ByRevision(cleanable).Take(diff).Where(rs =>
            (rs.Status?.Replicas ?? 0) == 0
            && ReplicaSets.Replicas(rs) == 0
            && (rs.Metadata.Generation ?? 0) <= (rs.Status?.ObservedGeneration ?? 0))];
    }
}
