using Prometheus;

namespace Orchestrator.KubeProxy;

/// <summary>kube-proxy's sync metrics (upstream pkg/proxy/metrics), same names.</summary>
internal static class ProxyMetrics
{
    public static readonly Histogram SyncProxyRulesDuration = Metrics.CreateHistogram(
        "kubeproxy_sync_proxy_rules_duration_seconds", "SyncProxyRules latency in seconds", new HistogramConfiguration
        {
            Buckets = Histogram.ExponentialBuckets(0.001, 2, 15),
        });

    public static readonly Histogram NetworkProgrammingDuration = Metrics.CreateHistogram(
        "kubeproxy_network_programming_duration_seconds", "In Cluster Network Programming Latency in seconds", new HistogramConfiguration
        {
            Buckets = [0.25, 0.5, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 30, 45, 60, 120, 180, 240, 300],
        });
}
