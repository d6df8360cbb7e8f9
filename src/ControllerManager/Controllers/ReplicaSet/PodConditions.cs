using k8s.Models;

namespace Orchestrator.ControllerManager.Controllers.ReplicaSet;

/// <summary>Pod state predicates as in upstream's <c>podutil</c> and <c>controller_utils</c>.</summary>
internal static class PodConditions
{
    /// <summary>Not terminated (Succeeded/Failed) and not being deleted.</summary>
    public static bool IsActive(V1Pod pod) =>
        pod.Status?.Phase is not ("Succeeded" or "Failed") && pod.Metadata.DeletionTimestamp is null;

    public static bool IsReady(V1Pod pod) => ReadyCondition(pod)?.Status == "True";

    /// <summary>When the Ready condition last turned true; null when not ready or unknown.</summary>
    public static DateTime? ReadySince(V1Pod pod) =>
        ReadyCondition(pod) is { Status: "True" } ready ? ready.LastTransitionTime : null;

    /// <summary>Ready for at least <paramref name="minReadySeconds"/> at <paramref name="now"/>.</summary>
    public static bool IsAvailable(V1Pod pod, int minReadySeconds, DateTimeOffset now)
    {
        if (ReadyCondition(pod) is not { Status: "True" } ready)
        {
            return false;
        }

        if (minReadySeconds == 0)
        {
            return true;
        }

        return ready.LastTransitionTime is { } since
            && new DateTimeOffset(DateTime.SpecifyKind(since, DateTimeKind.Utc)).AddSeconds(minReadySeconds) < now;
    }

    public static int MaxContainerRestarts(V1Pod pod) =>
        pod.Status?.ContainerStatuses is { Count: > 0 } statuses ? statuses.Max(s => s.RestartCount) : 0;

    private static V1PodCondition? ReadyCondition(V1Pod pod) =>
        pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
}
