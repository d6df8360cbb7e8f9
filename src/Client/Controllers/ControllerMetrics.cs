using Prometheus;

namespace Orchestrator.Client;

/// <summary>Per-controller reconcile outcomes and timings (the queue itself reports client-go's workqueue_* metrics: <see cref="WorkQueueMetrics"/>), exported through prometheus-net's default registry.</summary>
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
}
