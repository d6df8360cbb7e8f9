using Prometheus;

namespace Orchestrator.Kubelet.Metrics;

/// <summary>
/// The kubelet's runtime operation metrics (upstream's kuberuntime instrumented_services.go), same names and
/// buckets, by <c>operation_type</c> (the CRI RPC as upstream names it, <see cref="Runtime.Cri.Client.CriOperations"/>).
/// Recorded in one place for a real runtime, the CRI client's interceptor; the hollow runtime records the
/// CRI calls its pods stand for, taking no time.
/// </summary>
internal static class RuntimeOperationMetrics
{
    public static readonly Histogram Duration = Prometheus.Metrics.CreateHistogram(
        "kubelet_runtime_operations_duration_seconds", "Duration in seconds of runtime operations. Broken down by operation type.",
        new HistogramConfiguration
        {
            LabelNames = ["operation_type"],
            Buckets = Histogram.ExponentialBuckets(0.005, 2.5, 14),
        });

    public static readonly Counter Operations = Prometheus.Metrics.CreateCounter(
        "kubelet_runtime_operations_total", "Cumulative number of runtime operations by operation type.", "operation_type");

    public static readonly Counter Errors = Prometheus.Metrics.CreateCounter(
        "kubelet_runtime_operations_errors_total", "Cumulative number of runtime operation errors by operation type.", "operation_type");

    /// <summary>One runtime operation that took <paramref name="elapsed"/> and failed or not.</summary>
    public static void Record(string operation, TimeSpan elapsed, bool failed)
    {
        Operations.WithLabels(operation).Inc();
        Duration.WithLabels(operation).Observe(elapsed.TotalSeconds);
        if (failed)
        {
            Errors.WithLabels(operation).Inc();
        }
    }
}
