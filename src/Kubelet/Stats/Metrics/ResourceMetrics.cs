namespace Orchestrator.Kubelet.Stats.Metrics;

/// <summary>
/// <c>/metrics/resource</c>: upstream's resource metrics collector (pkg/kubelet/metrics/collectors/resource_metrics.go)
/// over a summary: the names, help texts, stability prefixes, labels and timestamps metrics-server reads.
/// A series whose value the summary lacks is left out, as upstream leaves it out.
/// </summary>
internal static class ResourceMetrics
{
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

        var node = new ResourceUsageSeries("node");
        var containers = new ResourceUsageSeries("container");
        var pods = new ResourceUsageSeries("pod");
        var containerStart = new List<MetricSample>();
        node.Add(summary.Node.Cpu, summary.Node.Memory);
        foreach (var pod in summary.Pods)
        {
            foreach (var container in pod.Containers)
            {
                var labels = new[] { ("container", container.Name), ("pod", pod.PodRef.Name), ("namespace", pod.PodRef.Namespace) };
                if (container.StartTime.ToUnixTimeSeconds() > 0)
                {
                    containerStart.Add(MetricSample.Of((container.StartTime - DateTimeOffset.UnixEpoch).Ticks / 1e7, null, labels));
                }

                containers.Add(container.Cpu, container.Memory, labels);
            }

            pods.Add(pod.Cpu, pod.Memory, ("pod", pod.PodRef.Name), ("namespace", pod.PodRef.Namespace));
        }

        families.AddRange(node.Families());
        families.Add(new("container_start_time_seconds", "[STABLE] Start time of the container since unix epoch in seconds", "gauge", containerStart));
        families.AddRange(containers.Families());
        families.AddRange(pods.Families());
        return families;
    }
}
