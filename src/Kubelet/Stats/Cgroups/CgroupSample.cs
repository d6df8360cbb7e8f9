namespace Orchestrator.Kubelet.Stats.Cgroups;

/// <summary>One reading of a cgroup's cpu and memory files; a value the files do not give is null.</summary>
internal sealed record CgroupSample
{
    public required DateTimeOffset Time { get; init; }

    /// <summary>Cumulative CPU time, nanoseconds (v1 cpuacct.usage, v2 cpu.stat usage_usec).</summary>
    public ulong? CpuUsageNanoseconds { get; init; }

    /// <summary>Memory in use, page cache included (v1 memory.usage_in_bytes, v2 memory.current).</summary>
    public ulong? MemoryUsageBytes { get; init; }

    /// <summary>Usage less inactive file pages: what the kubelet evicts on and metrics-server reports.</summary>
    public ulong? WorkingSetBytes { get; init; }

    public ulong? RssBytes { get; init; }

    public ulong? PageFaults { get; init; }

    public ulong? MajorPageFaults { get; init; }

    /// <summary>The memory limit, or null when unlimited.</summary>
    public ulong? MemoryLimitBytes { get; init; }
}
