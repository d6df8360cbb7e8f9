namespace Orchestrator.ControllerManager.Controllers.Deployment;

/// <summary>Upstream's <c>rolloutRecreate</c>: every old pod is gone before any new one is created.</summary>
internal static class RecreatePlanner
{
    /// <param name="newRs">The new ReplicaSet, if it exists.</param>
    /// <param name="oldRss">All other ReplicaSets of the deployment.</param>
    /// <param name="podsByReplicaSetUid">The deployment's pods grouped by their controlling ReplicaSet's UID.</param>
    public static RecreatePlan Plan(V1ReplicaSet? newRs, IReadOnlyList<V1ReplicaSet> oldRss, IReadOnlyDictionary<string, IReadOnlyList<V1Pod>> podsByReplicaSetUid)
    {
        var scaleDown = oldRss.Where(ReplicaSets.IsActive).Select(rs => new ScaleStep(rs, 0, "down")).ToList();
        if (scaleDown.Count > 0)
        {
            return new RecreatePlan(scaleDown, ScaleUpNew: false);
        }

        return new RecreatePlan([], ScaleUpNew: !OldPodsRunning(newRs, oldRss, podsByReplicaSetUid));
    }

    /// <summary>Whether pods of old ReplicaSets still exist and have not terminated.</summary>
    public static bool OldPodsRunning(V1ReplicaSet? newRs, IReadOnlyList<V1ReplicaSet> oldRss, IReadOnlyDictionary<string, IReadOnlyList<V1Pod>> podsByReplicaSetUid)
    {
        if (ReplicaSets.StatusReplicas(oldRss) > 0)
        {
            return true;
        }

        return podsByReplicaSetUid
            .Where(entry => newRs is null || entry.Key != newRs.Metadata.Uid)
            .SelectMany(entry => entry.Value)
            .Any(pod => pod.Status?.Phase is not ("Failed" or "Succeeded"));
    }
}
