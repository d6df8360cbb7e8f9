namespace Orchestrator.Kubelet.Stats.Summary;

/// <summary>
/// CPU usage (upstream CPUStats): cumulative core-nanoseconds, and the rate in nanocores over the interval
/// since the previous sample (absent on the first sample of a container).
/// </summary>
internal sealed record CpuStats
{
    [JsonPropertyName("time")]
    [JsonConverter(typeof(RfcTimeConverter))]
    public required DateTimeOffset Time { get; init; }

    [JsonPropertyName("usageNanoCores")]
    public ulong? UsageNanoCores { get; init; }

    [JsonPropertyName("usageCoreNanoSeconds")]
    public ulong? UsageCoreNanoSeconds { get; init; }
}
