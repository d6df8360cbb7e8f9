namespace Orchestrator.Kubelet.Stats.Summary;

/// <summary>One container's stats (upstream ContainerStats): cpu and memory from the runtime, its writable layer and its log files.</summary>
internal sealed record ContainerStats
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("startTime")]
    [JsonConverter(typeof(RfcTimeConverter))]
    public required DateTimeOffset StartTime { get; init; }

    [JsonPropertyName("cpu")]
    public CpuStats? Cpu { get; init; }

    [JsonPropertyName("memory")]
    public MemoryStats? Memory { get; init; }

    [JsonPropertyName("rootfs")]
    public FsStats? Rootfs { get; init; }

    [JsonPropertyName("logs")]
    public FsStats? Logs { get; init; }
}
