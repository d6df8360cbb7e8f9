namespace Orchestrator.Kubelet.Stats.Summary;

/// <summary>Memory usage (upstream MemoryStats); a field the source does not give stays absent.</summary>
internal sealed record MemoryStats(
    [property: JsonPropertyName("time"), JsonConverter(typeof(RfcTimeConverter))] DateTimeOffset Time,
    [property: JsonPropertyName("availableBytes")] ulong? AvailableBytes,
    [property: JsonPropertyName("usageBytes")] ulong? UsageBytes,
    [property: JsonPropertyName("workingSetBytes")] ulong? WorkingSetBytes,
    [property: JsonPropertyName("rssBytes")] ulong? RssBytes,
    [property: JsonPropertyName("pageFaults")] ulong? PageFaults,
    [property: JsonPropertyName("majorPageFaults")] ulong? MajorPageFaults);
