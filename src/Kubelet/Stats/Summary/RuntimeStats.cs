namespace Orchestrator.Kubelet.Stats.Summary;

/// <summary>The runtime's filesystems (upstream RuntimeStats): the image filesystem containerd reports.</summary>
internal sealed record RuntimeStats([property: JsonPropertyName("imageFs")] FsStats? ImageFs);
