namespace Orchestrator.ApiServer.Metrics.Prometheus;

/// <summary>
/// The API server's metric families, with kube-apiserver's names, labels and buckets
/// (staging/src/k8s.io/apiserver/pkg/endpoints/metrics, pkg/storage/etcd3/metrics), in prometheus-net's
/// default registry so that every in-process component shares one <c>/metrics</c>.
/// </summary>
internal static class ApiServerMetrics
{
    /// <summary>Upstream's request latency buckets (seconds), shared by request and storage durations.</summary>
    public static readonly double[] LatencyBuckets =
        [0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 45, 60];

    public static readonly Counter Requests = global::Prometheus.Metrics.CreateCounter(
        "apiserver_request_total",
        "Counter of apiserver requests broken out for each verb, dry run value, group, version, resource, scope, component, and HTTP response code.",
        "verb", "dry_run", "group", "version", "resource", "subresource", "scope", "component", "code");

    public static readonly Histogram RequestDuration = global::Prometheus.Metrics.CreateHistogram(
        "apiserver_request_duration_seconds",
        "Response latency distribution in seconds for each verb, dry run value, group, version, resource, subresource, scope and component.",
        new HistogramConfiguration
        {
            LabelNames = ["verb", "dry_run", "group", "version", "resource", "subresource", "scope", "component"],
            Buckets = LatencyBuckets,
        });

    public static readonly Gauge InflightRequests = global::Prometheus.Metrics.CreateGauge(
        "apiserver_current_inflight_requests",
        "Number of requests currently being served, by request kind (readOnly or mutating); long-running requests (watch, connect) are not counted.",
        "request_kind");

    public static readonly Gauge StorageObjects = global::Prometheus.Metrics.CreateGauge(
        "apiserver_storage_objects",
        "Number of stored objects at the time of last check split by kind.",
        "resource");

    public static readonly Counter WatchEvents = global::Prometheus.Metrics.CreateCounter(
        "apiserver_watch_events_total",
        "Number of events sent in watch clients",
        "group", "version", "kind");

    public static readonly Histogram StoreRequestDuration = global::Prometheus.Metrics.CreateHistogram(
        "etcd_request_duration_seconds",
        "Etcd request latency in seconds for each operation and object type (both store backends: etcd and SQLite).",
        new HistogramConfiguration
        {
            LabelNames = ["operation", "type"],
            Buckets = LatencyBuckets,
        });
}
