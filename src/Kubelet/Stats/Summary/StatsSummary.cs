namespace Orchestrator.Kubelet.Stats.Summary;

/// <summary>The body of <c>GET /stats/summary</c>: upstream's k8s.io/kubelet/pkg/apis/stats/v1alpha1 Summary.</summary>
internal sealed record StatsSummary(
    [property: JsonPropertyName("node")] NodeStats Node,
    [property: JsonPropertyName("pods")] IReadOnlyList<PodStats> Pods);
