namespace Orchestrator.Kubelet.Stats.Summary;

/// <summary>Filesystem usage (upstream FsStats); inode counts only where the source reports them.</summary>
internal sealed record FsStats
{
    [JsonPropertyName("time")]
    [JsonConverter(typeof(RfcTimeConverter))]
    public required DateTimeOffset Time { get; init; }

    [JsonPropertyName("availableBytes")]
    public ulong? AvailableBytes { get; init; }

    [JsonPropertyName("capacityBytes")]
    public ulong? CapacityBytes { get; init; }

    [JsonPropertyName("usedBytes")]
    public ulong? UsedBytes { get; init; }

    [JsonPropertyName("inodesFree")]
    public ulong? InodesFree { get; init; }

    [JsonPropertyName("inodes")]
    public ulong? Inodes { get; init; }

    [JsonPropertyName("inodesUsed")]
    public ulong? InodesUsed { get; init; }
}
