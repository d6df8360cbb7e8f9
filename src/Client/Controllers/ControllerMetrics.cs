using Prometheus;

namespace Orchestrator.Client;

/// <summary>Per-controller counters and timings, exported through prometheus-net's default registry.</summary>
internal static class ControllerMetrics
{
    public static readonly Counter Reconciles = Metrics.CreateCounter(
        "orchestrator_controller_reconcile_total", "Reconciles by controller and result (success, requeue, error, terminal).", "controller", "result");

    public static readonly Histogram Duration = Metrics.CreateHistogram(
        "orchestrator_controller_reconcile_duration_seconds", "Time per reconcile.", new HistogramConfiguration
        {
            LabelNames = ["controller"],
            Buckets = Histogram.ExponentialBuckets(0.0005, 2, 16),
        });

    public static readonly Gauge QueueDepth = Metrics.CreateGauge(
        "orchestrator_controller_queue_depth", "Keys waiting in a controller's work queue.", "controller");
}
