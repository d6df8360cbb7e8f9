namespace Orchestrator.Kubelet.Stats;

/// <summary>A filesystem's size and use at <see cref="Time"/>; what is unknown is null.</summary>
internal sealed record FsStatsSample(DateTimeOffset Time, ulong? CapacityBytes, ulong? AvailableBytes, ulong? UsedBytes, ulong? InodesUsed = null);
