namespace Orchestrator.Kubelet.Stats.Metrics;

/// <summary>
/// <c>/metrics/cadvisor</c>, the part that is measured here: cadvisor's container_* cpu, memory, writable-layer and
/// start-time series for each running container (labels container, namespace, pod), each pod's cgroup (container ""),
/// and the node's root cgroup (id "/"), plus machine_memory_bytes. Left out, because nothing here measures them:
/// per-device filesystem, block I/O, network, throttling, OOM and process series, and the id, image and name labels
/// of container series (the CRI stats carry no cgroup path or image).
/// </summary>
internal static class CadvisorMetrics
{
    public static IReadOnlyList<MetricFamily> Families(StatsSummary summary, ulong? machineMemoryBytes)
    {
        var cpu = new List<MetricSample>();
        var workingSet = new List<MetricSample>();
        var usage = new List<MetricSample>();
        var rss = new List<MetricSample>();
        var fsUsage = new List<MetricSample>();
        var start = new List<MetricSample>();

        void Add((string, string)[] labels, CpuStats? c, MemoryStats? m)
        {
            if (c is { UsageCoreNanoSeconds: { } total })
            {
                cpu.Add(MetricSample.Of(total / 1e9, c.Time, [.. labels, ("cpu", "total")]));
            }

            if (m is null)
            {
                return;
            }

            if (m.WorkingSetBytes is { } ws)
            {
                workingSet.Add(MetricSample.Of(ws, m.Time, labels));
            }

            if (m.UsageBytes is { } used)
            {
                usage.Add(MetricSample.Of(used, m.Time, labels));
            }

            if (m.RssBytes is { } resident)
            {
                rss.Add(MetricSample.Of(resident, m.Time, labels));
            }
        }

        Add([("id", "/"), ("container", ""), ("namespace", ""), ("pod", "")], summary.Node.Cpu, summary.Node.Memory);
        foreach (var pod in summary.Pods)
        {
            Add([("id", ""), ("container", ""), ("namespace", pod.PodRef.Namespace), ("pod", pod.PodRef.Name)], pod.Cpu, pod.Memory);
            foreach (var container in pod.Containers)
            {
                (string, string)[] labels = [("id", ""), ("container", container.Name), ("namespace", pod.PodRef.Namespace), ("pod", pod.PodRef.Name)];
                Add(labels, container.Cpu, container.Memory);
                if (container.Rootfs is { UsedBytes: { } layer } rootfs)
                {
                    fsUsage.Add(MetricSample.Of(layer, rootfs.Time, labels));
                }

                start.Add(MetricSample.Of((container.StartTime - DateTimeOffset.UnixEpoch).Ticks / 1e7, null, labels));
            }
        }

        var machine = machineMemoryBytes is { } bytes ? new List<MetricSample> { MetricSample.Of(bytes, null) } : [];
        return
        [
            new("container_cpu_usage_seconds_total", "Cumulative cpu time consumed in seconds.", "counter", cpu),
            new("container_memory_working_set_bytes", "Current working set in bytes.", "gauge", workingSet),
            new("container_memory_usage_bytes", "Current memory usage in bytes, including all memory regardless of when it was accessed", "gauge", usage),
            new("container_memory_rss", "Size of RSS in bytes.", "gauge", rss),
            new("container_fs_usage_bytes", "Number of bytes that are consumed by the container on this filesystem.", "gauge", fsUsage),
            new("container_start_time_seconds", "Start time of the container since unix epoch in seconds.", "gauge", start),
            new("machine_memory_bytes", "Amount of memory installed on the machine.", "gauge", machine),
        ];
    }
}
