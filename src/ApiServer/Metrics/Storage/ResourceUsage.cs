namespace Orchestrator.ApiServer.Metrics.Storage;

/// <summary>
/// Usage over a window, as metrics-server serves it: CPU as the rate of the cumulative counter between two points
/// (nanocores), memory as the working set of the later point (bytes), the later point's time and the window between.
/// </summary>
internal sealed record ResourceUsage(DateTimeOffset Timestamp, TimeSpan Window, ulong CpuNanoCores, ulong MemoryBytes)
{
    /// <summary>
    /// The usage between <paramref name="prev"/> and <paramref name="last"/>; null where metrics-server skips the
    /// series: the start time went back (a restart slipped between the points), the CPU counter went back, or the
    /// points have no time between them.
    /// </summary>
    public static ResourceUsage? Between(MetricsPoint last, MetricsPoint prev)
    {
        if (last.StartTime < prev.StartTime || last.CumulativeCpuNanos < prev.CumulativeCpuNanos)
        {
            return null;
        }

        var window = last.Timestamp - prev.Timestamp;
        if (window <= TimeSpan.Zero)
        {
            return null;
        }

        var rate = (last.CumulativeCpuNanos - prev.CumulativeCpuNanos) / window.TotalSeconds;
        return new ResourceUsage(last.Timestamp, window, (ulong)rate, last.MemoryBytes);
    }
}
