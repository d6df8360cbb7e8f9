namespace Orchestrator.Kubelet.Stats;

/// <summary>
/// The node's and its pods' resource usage, one round per call (what the kubelet server's
/// <c>/stats/summary</c> and <c>/metrics/*</c> serve). Thread-safe: concurrent calls are serialized,
/// because each round updates the kept CPU samples that rates are computed from. A runtime failure
/// is an exception (the endpoint answers 500, <c>/metrics/resource</c> a scrape error).
/// </summary>
internal interface IStatsProvider
{
    /// <summary>The machine's memory (cadvisor's machine_memory_bytes), or null when unknown.</summary>
    ulong? MachineMemoryBytes { get; }

    Task<StatsSummary> GetSummaryAsync(CancellationToken ct);
}
