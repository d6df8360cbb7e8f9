using Prometheus;

namespace Orchestrator.KubeProxy;

/// <summary>kube-proxy's sync metrics (upstream pkg/proxy/metrics/metrics.go), same names, help and buckets.</summary>
internal static class ProxyMetrics
{
    public static readonly Histogram SyncProxyRulesDuration = Metrics.CreateHistogram(
        "kubeproxy_sync_proxy_rules_duration_seconds", "SyncProxyRules latency in seconds", new HistogramConfiguration
        {
            Buckets = Histogram.ExponentialBuckets(0.001, 2, 15),
        });

    public static readonly Gauge SyncProxyRulesLastTimestamp = Metrics.CreateGauge(
        "kubeproxy_sync_proxy_rules_last_timestamp_seconds", "The last time proxy rules were successfully synced");

    public static readonly Histogram NetworkProgrammingDuration = Metrics.CreateHistogram(
        "kubeproxy_network_programming_duration_seconds", "In Cluster Network Programming Latency in seconds", new HistogramConfiguration
        {
            // upstream: 0.25 s, 0.5 s, then every second to 59 s, every 5 s to 115 s, every 30 s from 2 to 5 minutes.
            Buckets = [.. Histogram.LinearBuckets(0.25, 0.25, 2), .. Histogram.LinearBuckets(1, 1, 59), .. Histogram.LinearBuckets(60, 5, 12), .. Histogram.LinearBuckets(120, 30, 7)],
        });

    /// <summary>A sync that applied the rules took <paramref name="elapsed"/> and ended at <paramref name="now"/>.</summary>
    public static void Synced(TimeSpan elapsed, DateTimeOffset now)
    {
        SyncProxyRulesDuration.Observe(elapsed.TotalSeconds);
        SyncProxyRulesLastTimestamp.Set(now.ToUnixTimeMilliseconds() / 1000.0);
    }
}
