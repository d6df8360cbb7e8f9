namespace Orchestrator.ApiServer.Metrics.Prometheus;

/// <summary>
/// What prometheus-net adds to the default registry by itself at the first scrape: the process metrics
/// (<c>process_cpu_seconds_total</c>, <c>process_resident_memory_bytes</c>… as upstream's components export them)
/// stay; its .NET event-counter and Meter adapters are turned off. The event-counter adapter enables the
/// ASP.NET Core, Kestrel and System.Net event sources at Informational level, so from the first scrape on every
/// request raised several events into an in-process listener (issue 11 profile: +1.9 KiB allocated per pod create,
/// <c>EventWrittenEventArgs</c> the largest part), and the Meter adapter records every HTTP client and server
/// instrument; none of those families is kube-apiserver's or documented (docs/operations.md lists ours).
/// Process-wide, and only effective before the registry's first scrape.
/// </summary>
internal static class DefaultCollectors
{
    public static void Configure() =>
        global::Prometheus.Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions
        {
            SuppressProcessMetrics = false,
            SuppressDebugMetrics = false,
            SuppressEventCounters = true,
            SuppressMeters = true,
        });
}
