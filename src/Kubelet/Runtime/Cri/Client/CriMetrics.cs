using Prometheus;

namespace Orchestrator.Kubelet.Runtime.Cri.Client;

/// <summary>Per-RPC runtime metrics under upstream kubelet's names and buckets.</summary>
internal static class CriMetrics
{
    public static readonly Histogram Duration = Metrics.CreateHistogram(
        "kubelet_runtime_operations_duration_seconds", "Duration in seconds of runtime operations. Broken down by operation type.",
        new HistogramConfiguration
        {
            LabelNames = ["operation_type"],
            Buckets = Histogram.ExponentialBuckets(0.005, 2.5, 14),
        });

    public static readonly Counter Operations = Metrics.CreateCounter(
        "kubelet_runtime_operations_total", "Cumulative number of runtime operations by operation type.", "operation_type");

    public static readonly Counter Errors = Metrics.CreateCounter(
        "kubelet_runtime_operations_errors_total", "Cumulative number of runtime operation errors by operation type.", "operation_type");
}
