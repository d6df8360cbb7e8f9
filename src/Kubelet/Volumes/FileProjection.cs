namespace Orchestrator.Kubelet.Volumes;

/// <summary>One file of a projected volume: its bytes and its permission bits (e.g. 0644 = 420).</summary>
internal sealed record FileProjection(byte[] Data, int Mode);
