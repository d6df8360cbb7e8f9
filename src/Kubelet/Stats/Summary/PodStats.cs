namespace Orchestrator.Kubelet.Stats.Summary;

/// <summary>
/// One pod's stats (upstream PodStats). <c>volume</c> is absent (volume usage is not measured) and
/// <c>network</c> too; <c>ephemeral-storage</c> counts the containers' writable layers and logs, not emptyDir volumes.
/// </summary>
internal sealed record PodStats
{
    [JsonPropertyName("podRef")]
    public required PodReference PodRef { get; init; }

    [JsonPropertyName("startTime")]
    [JsonConverter(typeof(RfcTimeConverter))]
    public required DateTimeOffset StartTime { get; init; }

    [JsonPropertyName("containers")]
    public required IReadOnlyList<ContainerStats> Containers { get; init; }

    [JsonPropertyName("cpu")]
    public CpuStats? Cpu { get; init; }

    [JsonPropertyName("memory")]
    public MemoryStats? Memory { get; init; }

    [JsonPropertyName("ephemeral-storage")]
    public FsStats? EphemeralStorage { get; init; }
}
