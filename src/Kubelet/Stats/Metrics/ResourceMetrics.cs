namespace Orchestrator.Kubelet.Stats.Metrics;

/// <summary>
/// <c>/metrics/resource</c>: upstream's resource metrics collector (pkg/kubelet/metrics/collectors/resource_metrics.go)
/// over a summary: the names, help texts, stability prefixes, labels and timestamps metrics-server reads.
/// A series whose value the summary lacks is left out, as upstream leaves it out.
/// </summary>
internal static class ResourceMetrics
{
    private const double NanosecondsPerSecond = 1e9;

    /// <summary>The families of one scrape; <paramref name="summary"/> null is a failed scrape (scrape errors 1, nothing else).</summary>
    public static IReadOnlyList<MetricFamily> Families(StatsSummary? summary)
    {
        var error = summary is null ? 1 : 0;
        var families = new List<MetricFamily>
        {
            new("scrape_error", "[ALPHA] (Deprecated since 1.29.0) 1 if there was an error while getting container metrics, 0 otherwise", "gauge", [MetricSample.Of(error, null)]),
            new("resource_scrape_error", "[STABLE] 1 if there was an error while getting container metrics, 0 otherwise", "gauge", [MetricSample.Of(error, null)]),
        };
        if (summary is null)
        {
            return families;
        }

        var nodeCpu = new List<MetricSample>();
        var nodeMemory = new List<MetricSample>();
        var containerStart = new List<MetricSample>();
        var containerCpu = new List<MetricSample>();
        var containerMemory = new List<MetricSample>();
        var podCpu = new List<MetricSample>();
        var podMemory = new List<MetricSample>();
        if (summary.Node.Cpu is { UsageCoreNanoSeconds: { } nodeUsage } cpu)
        {
            nodeCpu.Add(MetricSample.Of(nodeUsage / NanosecondsPerSecond, cpu.Time));
        }

        if (summary.Node.Memory is { WorkingSetBytes: { } nodeWorkingSet } memory)
        {
            nodeMemory.Add(MetricSample.Of(nodeWorkingSet, memory.Time));
        }

        foreach (var pod in summary.Pods)
        {
            var podLabels = new[] { ("pod", pod.PodRef.Name), ("namespace", pod.PodRef.Namespace) };
            foreach (var container in pod.Containers)
            {
                var labels = new[] { ("container", container.Name), ("pod", pod.PodRef.Name), ("namespace", pod.PodRef.Namespace) };
                if (container.StartTime.ToUnixTimeSeconds() > 0)
                {
                    containerStart.Add(MetricSample.Of((container.StartTime - DateTimeOffset.UnixEpoch).Ticks / 1e7, null, labels));
                }

                if (container.Cpu is { UsageCoreNanoSeconds: { } usage } c)
                {
                    containerCpu.Add(MetricSample.Of(usage / NanosecondsPerSecond, c.Time, labels));
                }

                if (container.Memory is { WorkingSetBytes: { } workingSet } m)
                {
                    containerMemory.Add(MetricSample.Of(workingSet, m.Time, labels));
                }
            }

            if (pod.Cpu is { UsageCoreNanoSeconds: { } podUsage } pc)
            {
                podCpu.Add(MetricSample.Of(podUsage / NanosecondsPerSecond, pc.Time, podLabels));
            }

            if (pod.Memory is { WorkingSetBytes: { } podWorkingSet } pm)
            {
                podMemory.Add(MetricSample.Of(podWorkingSet, pm.Time, podLabels));
            }
        }

        families.AddRange(
        [
            new("node_cpu_usage_seconds_total", "[STABLE] Cumulative cpu time consumed by the node in core-seconds", "counter", nodeCpu),
            new("node_memory_working_set_bytes", "[STABLE] Current working set of the node in bytes", "gauge", nodeMemory),
            new("container_start_time_seconds", "[STABLE] Start time of the container since unix epoch in seconds", "gauge", containerStart),
            new("container_cpu_usage_seconds_total", "[STABLE] Cumulative cpu time consumed by the container in core-seconds", "counter", containerCpu),
            new("container_memory_working_set_bytes", "[STABLE] Current working set of the container in bytes", "gauge", containerMemory),
            new("pod_cpu_usage_seconds_total", "[STABLE] Cumulative cpu time consumed by the pod in core-seconds", "counter", podCpu),
            new("pod_memory_working_set_bytes", "[STABLE] Current working set of the pod in bytes", "gauge", podMemory),
        ]);
        return families;
    }
}
