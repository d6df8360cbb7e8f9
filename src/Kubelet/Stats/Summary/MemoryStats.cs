namespace Orchestrator.Kubelet.Stats.Summary;

/// <summary>Memory usage (upstream MemoryStats); a field the source does not give stays absent.</summary>
internal sealed record MemoryStats
{
    [JsonPropertyName("time")]
    [JsonConverter(typeof(RfcTimeConverter))]
    public required DateTimeOffset Time { get; init; }

    [JsonPropertyName("availableBytes")]
    public ulong? AvailableBytes { get; init; }

    [JsonPropertyName("usageBytes")]
    public ulong? UsageBytes { get; init; }

    [JsonPropertyName("workingSetBytes")]
    public ulong? WorkingSetBytes { get; init; }

    [JsonPropertyName("rssBytes")]
    public ulong? RssBytes { get; init; }

    [JsonPropertyName("pageFaults")]
    public ulong? PageFaults { get; init; }

    [JsonPropertyName("majorPageFaults")]
    public ulong? MajorPageFaults { get; init; }
}
