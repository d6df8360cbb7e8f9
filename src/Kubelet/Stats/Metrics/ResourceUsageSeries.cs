namespace Orchestrator.Kubelet.Stats.Metrics;

/// <summary>
/// The cpu and working-set series of one level of <c>/metrics/resource</c> (node, pod or container): upstream's
/// <c>{level}_cpu_usage_seconds_total</c> and <c>{level}_memory_working_set_bytes</c>, a sample only where the summary has the value.
/// </summary>
internal sealed class ResourceUsageSeries(string level)
{
    private const double NanosecondsPerSecond = 1e9;

    private readonly List<MetricSample> _cpu = [];
    private readonly List<MetricSample> _memory = [];

    public void Add(CpuStats? cpu, MemoryStats? memory, params (string Name, string Value)[] labels)
    {
        if (cpu is { UsageCoreNanoSeconds: { } usage })
        {
            _cpu.Add(MetricSample.Of(usage / NanosecondsPerSecond, cpu.Time, labels));
        }

        if (memory is { WorkingSetBytes: { } workingSet })
        {
            _memory.Add(MetricSample.Of(workingSet, memory.Time, labels));
        }
    }

    public IEnumerable<MetricFamily> Families() =>
    [
        new($"{level}_cpu_usage_seconds_total", $"[STABLE] Cumulative cpu time consumed by the {level} in core-seconds", "counter", _cpu),
        new($"{level}_memory_working_set_bytes", $"[STABLE] Current working set of the {level} in bytes", "gauge", _memory),
    ];
}
