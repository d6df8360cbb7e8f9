namespace Orchestrator.Kubelet.Stats.Summary;

/// <summary>
/// The node's stats (upstream NodeStats). <c>systemContainers</c>, <c>network</c>, <c>rlimit</c> and <c>swap</c>
/// are not measured here and stay absent, as upstream leaves a field it cannot fill.
/// </summary>
internal sealed record NodeStats
{
    [JsonPropertyName("nodeName")]
    public required string NodeName { get; init; }

    [JsonPropertyName("startTime")]
    [JsonConverter(typeof(RfcTimeConverter))]
    public required DateTimeOffset StartTime { get; init; }

    [JsonPropertyName("cpu")]
    public CpuStats? Cpu { get; init; }

    [JsonPropertyName("memory")]
    public MemoryStats? Memory { get; init; }

    [JsonPropertyName("fs")]
    public FsStats? Fs { get; init; }

    [JsonPropertyName("runtime")]
    public RuntimeStats? Runtime { get; init; }
}
