namespace Orchestrator.Kubelet.Stats.Summary;

/// <summary>
/// CPU usage (upstream CPUStats): cumulative core-nanoseconds, and the rate in nanocores over the interval
/// since the previous sample (absent on the first sample of a container).
/// </summary>
internal sealed record CpuStats(
    [property: JsonPropertyName("time"), JsonConverter(typeof(RfcTimeConverter))] DateTimeOffset Time,
    [property: JsonPropertyName("usageNanoCores")] ulong? UsageNanoCores,
    [property: JsonPropertyName("usageCoreNanoSeconds")] ulong? UsageCoreNanoSeconds);
