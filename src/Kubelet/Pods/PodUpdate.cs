namespace Orchestrator.Kubelet.Pods;

/// <summary>Which pod updates a kubelet acts on (upstream's podsDifferSemantically): spec, labels, annotations, deletion — not status.</summary>
internal static class PodUpdate
{
    public static bool DiffersBeyondStatus(V1Pod old, V1Pod updated)
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(updated);
        var (a, b) = (old.Metadata, updated.Metadata);
        return a.Uid != b.Uid
            || a.DeletionTimestamp != b.DeletionTimestamp
            || a.DeletionGracePeriodSeconds != b.DeletionGracePeriodSeconds
            || old.Spec?.NodeName != updated.Spec?.NodeName
            || Json(a.Labels) != Json(b.Labels)
            || Json(a.Annotations) != Json(b.Annotations)
            || Json(old.Spec) != Json(updated.Spec);
    }

    private static string? Json(object? value) => value is null ? null : KubernetesJson.Serialize(value);
}
