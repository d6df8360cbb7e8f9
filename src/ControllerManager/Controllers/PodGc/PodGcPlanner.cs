namespace Orchestrator.ControllerManager.Controllers.PodGc;

/// <summary>The pure decisions of upstream's pod garbage collector (gcTerminated, gcOrphaned, gcUnscheduledTerminating, gcTerminating).</summary>
internal static class PodGcPlanner
{
    public const string OutOfServiceTaint = "node.kubernetes.io/out-of-service";

    public static PodGcPlan Plan(IReadOnlyList<V1Pod> pods, IReadOnlyDictionary<string, V1Node> nodes, int terminatedThreshold)
    {
        var terminated = pods.Where(p => p.Status?.Phase is "Succeeded" or "Failed").ToList();
        var excess = terminatedThreshold > 0 ? terminated.Count - terminatedThreshold : 0;
        var oldest = excess > 0
            ? terminated.OrderBy(p => p.Metadata.CreationTimestamp ?? DateTime.MinValue).ThenBy(p => p.Metadata.Name, StringComparer.Ordinal).Take(excess).ToList()
            : [];

        var unscheduled = pods.Where(p => p.Metadata.DeletionTimestamp is not null && string.IsNullOrEmpty(p.Spec?.NodeName)).ToList();

        var outOfService = pods.Where(p =>
            p.Metadata.DeletionTimestamp is not null
            && !string.IsNullOrEmpty(p.Spec?.NodeName)
            && nodes.TryGetValue(p.Spec.NodeName, out var node)
            && IsOutOfService(node)).ToList();

        var orphans = pods
            .Where(p => !string.IsNullOrEmpty(p.Spec?.NodeName) && !nodes.ContainsKey(p.Spec.NodeName))
            .GroupBy(p => p.Spec.NodeName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<V1Pod>)[.. g], StringComparer.Ordinal);

        return new PodGcPlan(oldest, unscheduled, outOfService, orphans);
    }

    /// <summary>Not Ready and tainted out-of-service:NoExecute: its pods can never finish terminating there.</summary>
    public static bool IsOutOfService(V1Node node) =>
        node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status != "True"
        && (node.Spec?.Taints?.Any(t => t.Key == OutOfServiceTaint && t.Effect == "NoExecute") ?? false);
}
