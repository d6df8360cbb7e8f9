namespace Orchestrator.ControllerManager.Controllers.StatefulSet;

/// <summary>
/// Decides one sync of a StatefulSet (upstream defaultStatefulSetControl.updateStatefulSet) as a pure
/// function. OrderedReady creates ordinal i only once 0..i-1 are Running and Ready and removes from
/// the highest ordinal, one pod at a time; Parallel creates and removes all at once. RollingUpdate
/// replaces pods from the highest ordinal down to the partition, one at a time, waiting for each
/// to be healthy.
/// </summary>
internal static class StatefulSetPlanner
{
    /// <param name="currentTemplate">The template of <paramref name="currentRevision"/> (pods below the partition keep it).</param>
    /// <param name="existingClaims">Names of the PersistentVolumeClaims that already exist.</param>
    public static StatefulSetPlan Compute(
        V1StatefulSet set, IReadOnlyList<V1Pod> pods, V1PodTemplateSpec currentTemplate, string currentRevision, string updateRevision,
        IReadOnlySet<string> existingClaims, DateTimeOffset now)
    {
        var start = set.Spec.Ordinals?.Start ?? 0;
        var count = set.Spec.Replicas ?? 1;
        var minReady = set.Spec.MinReadySeconds ?? 0;
        var monotonic = set.Spec.PodManagementPolicy != "Parallel";
        var byOrdinal = new Dictionary<int, V1Pod>();
        foreach (var pod in pods)
        {
            if (StatefulPods.Ordinal(set, pod) is var ordinal && ordinal >= 0)
            {
                byOrdinal[ordinal] = pod;
            }
        }

        var status = Status(set, pods, currentRevision, updateRevision, minReady, now);
        var claims = new List<V1PersistentVolumeClaim>();
        var create = new List<V1Pod>();
        var delete = new List<V1Pod>();
        string? waiting = null;
        bool Healthy(V1Pod p) => PodState.IsRunningAndReady(p) && p.Metadata.DeletionTimestamp is null;

        void EnsureClaims(int ordinal) =>
            claims.AddRange(StatefulPods.Claims(set, ordinal).Where(c => !existingClaims.Contains(c.Metadata.Name) && claims.All(x => x.Metadata.Name != c.Metadata.Name)));

        bool Blocked(string pod)
        {
            waiting ??= pod;
            return monotonic;
        }

        if (set.Metadata.DeletionTimestamp is not null)
        {
            return new StatefulSetPlan([], [], [], status, null);
        }

        var stopped = false;
        for (var ordinal = start; ordinal < start + count && !stopped; ordinal++)
        {
            var name = StatefulPods.PodName(set, ordinal);
            if (!byOrdinal.TryGetValue(ordinal, out var pod))
            {
                EnsureClaims(ordinal);
                var (template, revision) = UsesCurrent(set, ordinal, start, status)
                    ? (currentTemplate, currentRevision)
                    : (set.Spec.Template, updateRevision);
                create.Add(StatefulPods.New(set, template, ordinal, revision));
                stopped = monotonic;
                waiting ??= monotonic ? name : null;
            }
            else if (PodState.IsTerminal(pod) && pod.Metadata.DeletionTimestamp is null)
            {
                delete.Add(pod);
                stopped = monotonic;
            }
            else if (pod.Metadata.DeletionTimestamp is not null || !PodState.IsRunningAndReady(pod) || !PodState.IsAvailable(pod, minReady, now))
            {
                stopped = Blocked(name);
            }
            else
            {
                EnsureClaims(ordinal);
            }
        }

        var condemned = byOrdinal.Where(kv => kv.Key < start || kv.Key >= start + count).OrderByDescending(kv => kv.Key).Select(kv => kv.Value);
        foreach (var pod in condemned)
        {
            if (stopped)
            {
                break;
            }

            if (pod.Metadata.DeletionTimestamp is not null)
            {
                stopped = Blocked(pod.Metadata.Name);
                continue;
            }

            delete.Add(pod);
            stopped = monotonic;
        }

        if (!stopped && set.Spec.UpdateStrategy?.Type is null or "RollingUpdate")
        {
            var partition = set.Spec.UpdateStrategy?.RollingUpdate?.Partition ?? 0;
            for (var index = count - 1; index >= partition; index--)
            {
                if (!byOrdinal.TryGetValue(start + index, out var pod))
                {
                    break;
                }

                if (StatefulPods.Revision(pod) != updateRevision && pod.Metadata.DeletionTimestamp is null)
                {
                    if (!delete.Contains(pod))
                    {
                        delete.Add(pod);
                    }

                    break;
                }

                if (!Healthy(pod))
                {
                    waiting ??= pod.Metadata.Name;
                    break;
                }
            }
        }

        return new StatefulSetPlan(claims, create, delete, status, waiting);
    }

    /// <summary>Upstream newVersionedStatefulSetPod: ordinals below the partition keep the current revision.</summary>
    private static bool UsesCurrent(V1StatefulSet set, int ordinal, int start, V1StatefulSetStatus status)
    {
        var strategy = set.Spec.UpdateStrategy;
        if (strategy?.RollingUpdate is { } rolling)
        {
            return ordinal < start + (rolling.Partition ?? 0);
        }

        return strategy?.Type is null or "RollingUpdate" && ordinal < start + (status.CurrentReplicas ?? 0);
    }

    private static V1StatefulSetStatus Status(
        V1StatefulSet set, IReadOnlyList<V1Pod> pods, string currentRevision, string updateRevision, int minReady, DateTimeOffset now)
    {
        int replicas = 0, ready = 0, available = 0, current = 0, updated = 0;
        foreach (var pod in pods)
        {
            replicas++;
            if (PodState.IsRunningAndReady(pod))
            {
                ready++;
                available += PodState.IsAvailable(pod, minReady, now) ? 1 : 0;
            }

            if (pod.Metadata.DeletionTimestamp is null)
            {
                var revision = StatefulPods.Revision(pod);
                current += revision == currentRevision ? 1 : 0;
                updated += revision == updateRevision ? 1 : 0;
            }
        }

        var status = new V1StatefulSetStatus
        {
            ObservedGeneration = set.Metadata.Generation,
            Replicas = replicas,
            ReadyReplicas = ready,
            AvailableReplicas = available,
            CurrentReplicas = current,
            UpdatedReplicas = updated,
            CurrentRevision = currentRevision,
            UpdateRevision = updateRevision,
            CollisionCount = set.Status?.CollisionCount,
            Conditions = set.Status?.Conditions,
        };

        // A finished rolling update makes the update revision current (upstream completeRollingUpdate).
        if (set.Spec.UpdateStrategy?.Type is null or "RollingUpdate" && updated == replicas && ready == replicas)
        {
            status.CurrentReplicas = updated;
            status.CurrentRevision = updateRevision;
        }

        return status;
    }
}
