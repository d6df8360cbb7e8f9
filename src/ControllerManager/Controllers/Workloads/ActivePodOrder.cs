namespace Orchestrator.ControllerManager.Controllers.Workloads;

/// <summary>The order in which a controller deletes its active pods (upstream controller.ActivePods).</summary>
internal static class ActivePodOrder
{
    /// <summary>
    /// Orders pods so that the ones to delete first come first, like upstream controller.ActivePods:
    /// unscheduled before scheduled, pending before running, not ready before ready, newer before older.
    /// </summary>
    public static int CompareForDeletion(V1Pod a, V1Pod b)
    {
        var c = Scheduled(a).CompareTo(Scheduled(b));
        if (c != 0)
        {
            return c;
        }

        c = PhaseRank(a).CompareTo(PhaseRank(b));
        if (c != 0)
        {
            return c;
        }

        c = PodState.IsReady(a).CompareTo(PodState.IsReady(b));
        if (c != 0)
        {
            return c;
        }

        c = Restarts(b).CompareTo(Restarts(a));
        if (c != 0)
        {
            return c;
        }

        // Newer first.
        c = Nullable.Compare(b.Metadata.CreationTimestamp, a.Metadata.CreationTimestamp);
        return c != 0 ? c : string.CompareOrdinal(a.Metadata.Name, b.Metadata.Name);
    }

    private static bool Scheduled(V1Pod pod) => !string.IsNullOrEmpty(pod.Spec?.NodeName);

    private static int PhaseRank(V1Pod pod) => pod.Status?.Phase switch
    {
        "Pending" or null => 0,
        "Unknown" => 1,
        "Running" => 2,
        _ => 3,
    };

    private static int Restarts(V1Pod pod) => pod.Status?.ContainerStatuses?.Sum(s => s.RestartCount) ?? 0;
}
