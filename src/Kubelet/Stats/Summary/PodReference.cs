namespace Orchestrator.Kubelet.Stats.Summary;

/// <summary>Which pod a <see cref="PodStats"/> is (upstream PodReference).</summary>
internal sealed record PodReference(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("namespace")] string Namespace,
    [property: JsonPropertyName("uid")] string Uid);
