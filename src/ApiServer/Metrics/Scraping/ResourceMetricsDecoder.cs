namespace Orchestrator.ApiServer.Metrics.Scraping;

/// <summary>
/// The kubelet's <c>/metrics/resource</c> text turned into points, with metrics-server's rules: CPU counters in
/// seconds become nanocore-seconds, sample timestamps are milliseconds (a sample without one takes the scrape's
/// time), the node's point counts only with a timestamp, CPU and memory, and a pod is left out when one of its
/// containers lacks CPU or memory (its usage would be wrong, not just partial).
/// </summary>
internal static class ResourceMetricsDecoder
{
    public const string NodeCpu = "node_cpu_usage_seconds_total";
    public const string NodeMemory = "node_memory_working_set_bytes";
    public const string ContainerCpu = "container_cpu_usage_seconds_total";
    public const string ContainerMemory = "container_memory_working_set_bytes";
    public const string ContainerStartTime = "container_start_time_seconds";

    /// <summary>Decodes <paramref name="text"/>; a malformed line is a <see cref="FormatException"/>.</summary>
    public static NodeScrape Decode(string text, DateTimeOffset scrapeTime)
    {
        var node = new MetricsPoint(DateTimeOffset.MinValue, DateTimeOffset.MinValue, 0, 0);
        var pods = new Dictionary<PodKey, Dictionary<string, MetricsPoint>>();
        foreach (var sample in PrometheusTextReader.Read(text))
        {
            var time = sample.TimestampMs is { } ms ? FromMilliseconds(ms) : scrapeTime;
            switch (sample.Name)
            {
                case NodeCpu:
                    node = node with { CumulativeCpuNanos = Nanos(sample.Value), Timestamp = time };
                    break;
                case NodeMemory:
                    node = node with { MemoryBytes = Whole(sample.Value), Timestamp = time };
                    break;
                case ContainerCpu or ContainerMemory or ContainerStartTime:
                    Container(pods, sample, time);
                    break;
                default:
                    break;
            }
        }

        var complete = node.Timestamp != DateTimeOffset.MinValue && node.CumulativeCpuNanos != 0 && node.MemoryBytes != 0;
        var served = new Dictionary<PodKey, IReadOnlyDictionary<string, MetricsPoint>>(pods.Count);
        foreach (var (pod, containers) in pods)
        {
            if (containers.Count > 0 && containers.Values.All(c => c == default || (c.CumulativeCpuNanos != 0 && c.MemoryBytes != 0)))
            {
                served[pod] = containers.Where(c => c.Value != default).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
            }
        }

        return new NodeScrape(complete ? node : null, served);
    }

    private static void Container(Dictionary<PodKey, Dictionary<string, MetricsPoint>> pods, PrometheusSample sample, DateTimeOffset time)
    {
        if (sample.Label("namespace") is not { } ns || sample.Label("pod") is not { } name || sample.Label("container") is not { } container)
        {
            return;
        }

        var key = new PodKey(ns, name);
        if (!pods.TryGetValue(key, out var containers))
        {
            containers = new Dictionary<string, MetricsPoint>(StringComparer.Ordinal);
            pods[key] = containers;
        }

        var point = containers.GetValueOrDefault(container);
        containers[container] = sample.Name switch
        {
            ContainerCpu => point with { CumulativeCpuNanos = Nanos(sample.Value), Timestamp = time },
            ContainerMemory => point with { MemoryBytes = Whole(sample.Value), Timestamp = time },
            _ => point with { StartTime = FromSeconds(sample.Value) },
        };
    }

    /// <summary>Seconds as whole nanoseconds; NaN, negative or out-of-range values count as none.</summary>
    private static ulong Nanos(double seconds) => Whole(seconds * 1e9);

    private static ulong Whole(double value) => double.IsNaN(value) || value < 1 ? 0 : value >= ulong.MaxValue ? ulong.MaxValue : (ulong)value;

    private static DateTimeOffset FromMilliseconds(long ms) =>
        ms is >= -62_135_596_800_000 and <= 253_402_300_799_999 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : throw new FormatException($"timestamp {ms} is out of range");

    private static DateTimeOffset FromSeconds(double seconds) =>
        double.IsFinite(seconds) && seconds is >= -62_135_596_800 and <= 253_402_300_799
            ? DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond))
            : throw new FormatException($"start time {seconds} is out of range");
}
