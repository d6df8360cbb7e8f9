namespace Orchestrator.ApiMachinery.Pods;

/// <summary>
/// Pod state predicates with upstream's semantics (<c>podutil</c> and <c>controller_utils</c>),
/// the one copy every controller uses.
/// </summary>
public static class PodState
{
    public static bool IsReady(V1Pod pod) => ReadyCondition(pod)?.Status == "True";

    /// <summary>Succeeded or Failed: the pod will not run again.</summary>
    public static bool IsTerminal(V1Pod pod) => pod?.Status?.Phase is "Succeeded" or "Failed";

    /// <summary>Not finished and not being deleted: counts towards a controller's replicas.</summary>
    public static bool IsActive(V1Pod pod) => !IsTerminal(pod) && pod.Metadata.DeletionTimestamp is null;

    public static bool IsTerminating(V1Pod pod) => !IsTerminal(pod) && pod.Metadata.DeletionTimestamp is not null;

    public static bool IsRunningAndReady(V1Pod pod) => pod?.Status?.Phase == "Running" && IsReady(pod);

    /// <summary>When the Ready condition last turned true; null when not ready or unknown.</summary>
    public static DateTime? ReadySince(V1Pod pod) =>
        ReadyCondition(pod) is { Status: "True" } ready ? ready.LastTransitionTime : null;

    /// <summary>
    /// Ready, and for more than <paramref name="minReadySeconds"/> at <paramref name="now"/>:
    /// upstream's <c>IsPodAvailable</c> uses <c>Before</c>, so a pod that became ready exactly
    /// minReadySeconds ago is not available yet.
    /// </summary>
    public static bool IsAvailable(V1Pod pod, int minReadySeconds, DateTimeOffset now)
    {
        if (ReadyCondition(pod) is not { Status: "True" } ready)
        {
            return false;
        }

        return minReadySeconds <= 0
            || (ready.LastTransitionTime is { } since
                && new DateTimeOffset(DateTime.SpecifyKind(since, DateTimeKind.Utc)).AddSeconds(minReadySeconds) < now);
    }

    public static int MaxContainerRestarts(V1Pod pod) =>
        pod?.Status?.ContainerStatuses is { Count: > 0 } statuses ? statuses.Max(s => s.RestartCount) : 0;

    private static V1PodCondition? ReadyCondition(V1Pod pod) =>
        pod?.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
}
