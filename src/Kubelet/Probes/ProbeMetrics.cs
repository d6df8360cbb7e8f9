using Prometheus;

namespace Orchestrator.Kubelet.Probes;

/// <summary>upstream's prober_probe_total: probe attempts by type and result (successful, failed, unknown).</summary>
internal static class ProbeMetrics
{
    public static readonly Counter Probes = Prometheus.Metrics.CreateCounter(
        "prober_probe_total", "Cumulative number of a liveness, readiness or startup probe for a container by result.",
        "probe_type", "result", "container", "pod", "namespace", "pod_uid");
}
