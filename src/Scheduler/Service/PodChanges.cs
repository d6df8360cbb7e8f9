namespace Orchestrator.Scheduler.Service;

/// <summary>Which informer updates matter to scheduling (upstream filters the same way to avoid retry storms).</summary>
internal static class PodChanges
{
    public static bool IsAssigned(V1Pod pod) => !string.IsNullOrEmpty(pod.Spec?.NodeName);

    public static bool IsTerminal(V1Pod pod) => pod.Status?.Phase is "Succeeded" or "Failed";

    public static bool IsResponsible(V1Pod pod, string schedulerName) =>
        (string.IsNullOrEmpty(pod.Spec?.SchedulerName) ? "default-scheduler" : pod.Spec.SchedulerName) == schedulerName;

    /// <summary>Pods with spec.schedulingGates wait outside the queue until the gates are removed (upstream's PreEnqueue).</summary>
    public static bool IsGated(V1Pod pod) => pod.Spec?.SchedulingGates is { Count: > 0 };

    /// <summary>Whether a pending pod changed in a way that may change where it fits (not just its status).</summary>
    public static bool SpecOrLabelsChanged(V1Pod oldPod, V1Pod newPod) =>
        !SameJson(oldPod.Spec, newPod.Spec)
        || !SameJson(oldPod.Metadata.Labels, newPod.Metadata.Labels)
        || oldPod.Metadata.DeletionTimestamp != newPod.Metadata.DeletionTimestamp;

    /// <summary>Whether a node update can make a pending pod fit (heartbeats alone cannot).</summary>
    public static bool NodeSchedulingPropertiesChanged(V1Node oldNode, V1Node newNode) =>
        oldNode.Spec?.Unschedulable != newNode.Spec?.Unschedulable
        || !SameJson(oldNode.Metadata.Labels, newNode.Metadata.Labels)
        || !SameJson(oldNode.Spec?.Taints, newNode.Spec?.Taints)
        || !SameJson(oldNode.Status?.Allocatable, newNode.Status?.Allocatable)
        || ReadyStatus(oldNode) != ReadyStatus(newNode);

    private static string? ReadyStatus(V1Node node) => node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status;

    private static bool SameJson(object? a, object? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && KubernetesJson.Serialize(a) == KubernetesJson.Serialize(b));
}
