namespace Orchestrator.ControllerManager.Controllers.ReplicaSet;

/// <summary>
/// Which pods a scale-down removes first (upstream's <c>ActivePodsWithRanks</c>, with the
/// pod-deletion-cost annotation and logarithmic scale-down that are on by default): unassigned before
/// assigned; Pending before Unknown before Running; not ready before ready; lower
/// <c>controller.kubernetes.io/pod-deletion-cost</c> first; more related pods on the same node first;
/// ready for a shorter time first; more container restarts first; newer first.
/// </summary>
internal sealed class PodDeletionOrder(IReadOnlyDictionary<V1Pod, int> ranks, DateTimeOffset now) : IComparer<V1Pod>
{
    public const string DeletionCostAnnotation = "controller.kubernetes.io/pod-deletion-cost";

    public int Compare(V1Pod? x, V1Pod? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return Less(x, y) ? -1 : Less(y, x) ? 1 : 0;
    }

    /// <summary>Ranks each pod by the number of active related pods on its node.</summary>
    public static Dictionary<V1Pod, int> RankByColocation(IEnumerable<V1Pod> pods, IEnumerable<V1Pod> related)
    {
        var perNode = related.Where(PodState.IsActive)
            .GroupBy(p => p.Spec?.NodeName ?? "")
            .ToDictionary(g => g.Key, g => g.Count());
        var ranks = new Dictionary<V1Pod, int>(ReferenceEqualityComparer.Instance);
        foreach (var pod in pods)
        {
            ranks[pod] = perNode.GetValueOrDefault(pod.Spec?.NodeName ?? "");
        }

        return ranks;
    }

    private bool Less(V1Pod a, V1Pod b)
    {
        var nodeA = a.Spec?.NodeName ?? "";
        var nodeB = b.Spec?.NodeName ?? "";
        if (nodeA != nodeB && (nodeA.Length == 0 || nodeB.Length == 0))
        {
            return nodeA.Length == 0;
        }

        if (PhaseOrdinal(a) != PhaseOrdinal(b))
        {
            return PhaseOrdinal(a) < PhaseOrdinal(b);
        }

        if (PodState.IsReady(a) != PodState.IsReady(b))
        {
            return !PodState.IsReady(a);
        }

        if (DeletionCost(a) != DeletionCost(b))
        {
            return DeletionCost(a) < DeletionCost(b);
        }

        var rankA = ranks.GetValueOrDefault(a);
        var rankB = ranks.GetValueOrDefault(b);
        if (rankA != rankB)
        {
            return rankA > rankB;
        }

        if (PodState.IsReady(a) && PodState.IsReady(b))
        {
            var readyA = PodState.ReadySince(a);
            var readyB = PodState.ReadySince(b);
            if (readyA != readyB)
            {
                return NewerFirst(a, b, readyA, readyB);
            }
        }

        if (PodState.MaxContainerRestarts(a) != PodState.MaxContainerRestarts(b))
        {
            return PodState.MaxContainerRestarts(a) > PodState.MaxContainerRestarts(b);
        }

        var createdA = a.Metadata.CreationTimestamp;
        var createdB = b.Metadata.CreationTimestamp;
        return createdA != createdB && NewerFirst(a, b, createdA, createdB);
    }

    /// <summary>
    /// Newer (or unknown) times first, compared on a log2 scale of their age so pods of similar age
    /// tie and the UID breaks the tie (spreads deletions instead of always hitting the very newest).
    /// </summary>
    private bool NewerFirst(V1Pod a, V1Pod b, DateTime? timeA, DateTime? timeB)
    {
        if (timeA is null || timeB is null)
        {
            return timeA is null;
        }

        var rankDiff = LogRank(timeA.Value) - LogRank(timeB.Value);
        if (rankDiff == 0)
        {
            return string.CompareOrdinal(a.Metadata.Uid, b.Metadata.Uid) < 0;
        }

        return rankDiff < 0;
    }

    private long LogRank(DateTime time)
    {
        var age = now - new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));
        var nanoseconds = age.Ticks * 100.0;
        return nanoseconds > 0 ? (long)Math.Log2(nanoseconds) : -1;
    }

    private static int PhaseOrdinal(V1Pod pod) => pod.Status?.Phase switch
    {
        "Unknown" => 1,
        "Running" => 2,
        _ => 0,
    };

    private static int DeletionCost(V1Pod pod) =>
        pod.Metadata.Annotations?.TryGetValue(DeletionCostAnnotation, out var cost) == true
            && int.TryParse(cost, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : 0;
}
