namespace Orchestrator.Kubelet.Stats;

/// <summary>
/// Builds upstream's stats summary from one round's <see cref="StatsInput"/>, as the CRI stats provider
/// does: the node from the root cgroup, a pod per ready sandbox with its running containers' CRI stats,
/// the pod's cpu and memory from its cgroup (the sum of its containers when the cgroup is unreadable).
/// Deterministic given its inputs and the <see cref="CpuRateTracker"/>'s kept samples, which it updates.
/// </summary>
internal sealed class SummaryBuilder(CpuRateTracker rates)
{
    public const string NodeKey = "node";

    public StatsSummary Build(StatsInput input)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { NodeKey };
        var node = new NodeStats(
            input.NodeName,
            StartTime: input.BootTime,
            Cpu: input.Node is { } root ? Cpu(NodeKey, root) : null,
            Memory: input.Node is { } sample ? Memory(sample, input.MachineMemoryBytes) : null,
            Fs: input.RootFs is { } rootFs ? Fs(rootFs, rootFs.UsedBytes, rootFs.InodesUsed, rootFs.Time) : null,
            Runtime: input.ImageFs is { } image ? new RuntimeStats(Fs(image, image.UsedBytes, image.InodesUsed, image.Time)) : null);

        var statsById = input.ContainerStats.Where(s => s.Attributes is not null).ToDictionary(s => s.Attributes.Id, StringComparer.Ordinal);
        var pods = new List<PodStats>();
        foreach (var sandbox in input.Sandboxes.Where(s => s.State == PodSandboxState.SandboxReady && s.Metadata is not null)
            .OrderBy(s => s.Metadata.Namespace, StringComparer.Ordinal).ThenBy(s => s.Metadata.Name, StringComparer.Ordinal))
        {
            var containers = input.Containers
                .Where(c => c.PodSandboxId == sandbox.Id && c.State == ContainerState.ContainerRunning && c.Metadata is not null)
                .OrderBy(c => c.Metadata.Name, StringComparer.Ordinal)
                .Select(c => Container(c, statsById.GetValueOrDefault(c.Id), input, seen))
                .ToList();
            var uid = sandbox.Metadata.Uid;
            CpuStats? cpu;
            MemoryStats? memory;
            if (input.PodCgroups.TryGetValue(uid, out var cgroup))
            {
                var key = "pod/" + uid;
                seen.Add(key);
                cpu = Cpu(key, cgroup);
                memory = Memory(cgroup, cgroup.MemoryLimitBytes);
            }
            else
            {
                (cpu, memory) = (SumCpu(containers, input.Now), SumMemory(containers, input.Now));
            }

            pods.Add(new PodStats(
                new PodReference(sandbox.Metadata.Name, sandbox.Metadata.Namespace, uid),
                FromNanoseconds(sandbox.CreatedAt),
                containers,
                cpu,
                memory,
                EphemeralStorage: Ephemeral(containers, input)));
        }

        rates.Retain(seen);
        return new StatsSummary(node, pods);
    }

    private Summary.ContainerStats Container(Container container, Runtime.Cri.Api.ContainerStats? stats, StatsInput input, HashSet<string> seen)
    {
        seen.Add(container.Id);
        CpuStats? cpu = null;
        if (stats?.Cpu is { } usage)
        {
            var time = TimeOr(usage.Timestamp, input.Now);
            var total = usage.UsageCoreNanoSeconds?.Value;
            cpu = new CpuStats(time, UsageNanoCores: total is { } value ? rates.Update(container.Id, time, value) : null, UsageCoreNanoSeconds: total);
        }

        MemoryStats? memory = stats?.Memory is { } m
            ? new MemoryStats(
                TimeOr(m.Timestamp, input.Now),
                // containerd reports 0 available for a container without a memory limit: nothing is known, not "none left".
                AvailableBytes: m.AvailableBytes is { Value: > 0 } available ? available.Value : null,
                UsageBytes: m.UsageBytes?.Value,
                WorkingSetBytes: m.WorkingSetBytes?.Value,
                RssBytes: m.RssBytes?.Value,
                PageFaults: m.PageFaults?.Value,
                MajorPageFaults: m.MajorPageFaults?.Value)
            : null;

        // The writable layer lives on the image filesystem; the logs on the kubelet's root filesystem.
        var rootfs = stats?.WritableLayer is { } layer ? Fs(input.ImageFs, layer.UsedBytes?.Value, layer.InodesUsed?.Value, TimeOr(layer.Timestamp, input.Now)) : null;
        var logs = input.LogBytes.TryGetValue(container.Id, out var logBytes) ? Fs(input.RootFs, logBytes, null, input.Now) : null;
        return new Summary.ContainerStats(container.Metadata.Name, FromNanoseconds(container.CreatedAt), cpu, memory, rootfs, logs);
    }

    private CpuStats? Cpu(string key, CgroupSample sample) => sample.CpuUsageNanoseconds is { } total
        ? new CpuStats(sample.Time, UsageNanoCores: rates.Update(key, sample.Time, total), UsageCoreNanoSeconds: total)
        : null;

    private static MemoryStats Memory(CgroupSample sample, ulong? limit) => new(
        sample.Time,
        AvailableBytes: limit is { } l && sample.WorkingSetBytes is { } ws ? (l > ws ? l - ws : 0) : null,
        UsageBytes: sample.MemoryUsageBytes,
        WorkingSetBytes: sample.WorkingSetBytes,
        RssBytes: sample.RssBytes,
        PageFaults: sample.PageFaults,
        MajorPageFaults: sample.MajorPageFaults);

    private static CpuStats? SumCpu(List<Summary.ContainerStats> containers, DateTimeOffset now)
    {
        var cpus = containers.Select(c => c.Cpu).ToList();
        if (cpus.Count == 0 || cpus.Any(c => c?.UsageCoreNanoSeconds is null))
        {
            return null;
        }

        return new CpuStats(now, UsageNanoCores: Sum(cpus.Select(c => c!.UsageNanoCores)), UsageCoreNanoSeconds: Sum(cpus.Select(c => c!.UsageCoreNanoSeconds)));
    }

    private static MemoryStats? SumMemory(List<Summary.ContainerStats> containers, DateTimeOffset now)
    {
        var memories = containers.Select(c => c.Memory).ToList();
        if (memories.Count == 0 || memories.Any(m => m is null))
        {
            return null;
        }

        return new MemoryStats(
            now,
            AvailableBytes: null,
            UsageBytes: Sum(memories.Select(m => m!.UsageBytes)),
            WorkingSetBytes: Sum(memories.Select(m => m!.WorkingSetBytes)),
            RssBytes: Sum(memories.Select(m => m!.RssBytes)),
            PageFaults: Sum(memories.Select(m => m!.PageFaults)),
            MajorPageFaults: Sum(memories.Select(m => m!.MajorPageFaults)));
    }

    /// <summary>The pod's local ephemeral storage: its containers' writable layers and logs (emptyDir volumes are not measured).</summary>
    private static FsStats? Ephemeral(List<Summary.ContainerStats> containers, StatsInput input)
    {
        if (input.RootFs is null)
        {
            return null;
        }

        var used = containers.Aggregate(0UL, (sum, c) => sum + (c.Rootfs?.UsedBytes ?? 0) + (c.Logs?.UsedBytes ?? 0));
        return Fs(input.RootFs, used, null, input.Now);
    }

    /// <summary>Usage figures on a filesystem whose size is <paramref name="on"/> (unknown: null).</summary>
    private static FsStats Fs(FsStatsSample? on, ulong? used, ulong? inodesUsed, DateTimeOffset time) =>
        new(time, AvailableBytes: on?.AvailableBytes, CapacityBytes: on?.CapacityBytes, UsedBytes: used, InodesUsed: inodesUsed);

    /// <summary>A sum when every part is known, else null (a partial sum would understate).</summary>
    private static ulong? Sum(IEnumerable<ulong?> values)
    {
        ulong total = 0;
        foreach (var value in values)
        {
            if (value is null)
            {
                return null;
            }

            total += value.Value;
        }

        return total;
    }

    private static DateTimeOffset FromNanoseconds(long nanoseconds) => DateTimeOffset.UnixEpoch.AddTicks(nanoseconds / 100);

    /// <summary>A runtime timestamp, or the round's time when the runtime left it 0 (containerd does for writable layers).</summary>
    private static DateTimeOffset TimeOr(long nanoseconds, DateTimeOffset now) => nanoseconds > 0 ? FromNanoseconds(nanoseconds) : now;
}
