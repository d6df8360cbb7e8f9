namespace Orchestrator.Kubelet.Stats.Summary;

/// <summary>Filesystem usage (upstream FsStats); inode counts only where the source reports them.</summary>
internal sealed record FsStats(
    [property: JsonPropertyName("time"), JsonConverter(typeof(RfcTimeConverter))] DateTimeOffset Time,
    [property: JsonPropertyName("availableBytes")] ulong? AvailableBytes,
    [property: JsonPropertyName("capacityBytes")] ulong? CapacityBytes,
    [property: JsonPropertyName("usedBytes")] ulong? UsedBytes,
    [property: JsonPropertyName("inodesFree")] ulong? InodesFree = null,
    [property: JsonPropertyName("inodes")] ulong? Inodes = null,
    [property: JsonPropertyName("inodesUsed")] ulong? InodesUsed = null);
