using k8s.Models;

namespace Orchestrator.ControllerManager.Controllers.Workloads;

/// <summary>Pod predicates shared by the workload controllers (upstream podutil and controller.FilterActivePods).</summary>
internal static class PodState
{
    public static bool IsReady(V1Pod pod) =>
        pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    public static bool IsTerminal(V1Pod pod) => pod.Status?.Phase is "Succeeded" or "Failed";

    /// <summary>Not finished and not being deleted: counts towards a controller's replicas.</summary>
    public static bool IsActive(V1Pod pod) => !IsTerminal(pod) && pod.Metadata.DeletionTimestamp is null;

    public static bool IsTerminating(V1Pod pod) => !IsTerminal(pod) && pod.Metadata.DeletionTimestamp is not null;

    public static bool IsRunningAndReady(V1Pod pod) => pod.Status?.Phase == "Running" && IsReady(pod);

    /// <summary>Ready for at least minReadySeconds at <paramref name="now"/>.</summary>
    public static bool IsAvailable(V1Pod pod, int minReadySeconds, DateTimeOffset now)
    {
        if (!IsReady(pod))
        {
            return false;
        }

        if (minReadySeconds <= 0)
        {
            return true;
        }

        var ready = pod.Status!.Conditions!.First(c => c.Type == "Ready");
        return ready.LastTransitionTime is { } since
            && new DateTimeOffset(DateTime.SpecifyKind(since, DateTimeKind.Utc)).AddSeconds(minReadySeconds) <= now;
    }

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

        c = IsReady(a).CompareTo(IsReady(b));
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
