namespace Orchestrator.Kubelet.Stats.Cgroups;

/// <summary>
/// Reads a cgroup's cpu and memory accounting from cgroupfs (cgroupfs driver paths), on cgroup v1
/// (cpuacct and memory hierarchies) or v2 (one tree: <c>cgroup.controllers</c> at the root), as
/// cadvisor's libcontainer handlers read them. The root cgroup ("/") is the node. Thread-safe.
/// </summary>
internal sealed class CgroupReader(string root = "/sys/fs/cgroup", string proc = "/proc")
{
    /// <summary>Values above this are v1's "no limit" (the page-rounded int64 maximum).</summary>
    private const ulong UnlimitedV1 = 1UL << 62;

    private readonly bool _v2 = File.Exists(Path.Combine(root, "cgroup.controllers"));

    /// <summary>The machine's memory (MemTotal of /proc/meminfo), or null when unreadable.</summary>
    public ulong? MachineMemoryBytes() =>
        Read(Path.Combine(proc, "meminfo")) is { } text && KeyValueFile.Parse(text).TryGetValue("MemTotal", out var kb) ? kb * 1024 : null;

    /// <summary>When the machine booted (btime of /proc/stat), or null when unreadable.</summary>
    public DateTimeOffset? BootTime() =>
        Read(Path.Combine(proc, "stat")) is { } text && KeyValueFile.Parse(text).TryGetValue("btime", out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds((long)seconds)
            : null;

    /// <summary>
    /// The cgroup at <paramref name="cgroup"/> (relative to each hierarchy's root; "/" for the node),
    /// or null when it does not exist.
    /// </summary>
    public CgroupSample? Read(string cgroup, DateTimeOffset now) => _v2 ? ReadV2(cgroup, now) : ReadV1(cgroup, now);

    private CgroupSample? ReadV1(string cgroup, DateTimeOffset now)
    {
        var relative = cgroup.Trim('/');
        var cpuDir = Path.Combine(root, "cpuacct", relative);
        var memoryDir = Path.Combine(root, "memory", relative);
        if (!Directory.Exists(cpuDir) && !Directory.Exists(memoryDir))
        {
            return null;
        }

        var stat = KeyValueFile.Parse(Read(Path.Combine(memoryDir, "memory.stat")) ?? "");
        var usage = Number(Path.Combine(memoryDir, "memory.usage_in_bytes"));
        var limit = Number(Path.Combine(memoryDir, "memory.limit_in_bytes"));
        return new CgroupSample
        {
            Time = now,
            CpuUsageNanoseconds = Number(Path.Combine(cpuDir, "cpuacct.usage")),
            MemoryUsageBytes = usage,
            WorkingSetBytes = WorkingSet(usage, stat.GetValueOrDefault("total_inactive_file")),
            RssBytes = Value(stat, "total_rss"),
            PageFaults = Value(stat, "total_pgfault"),
            MajorPageFaults = Value(stat, "total_pgmajfault"),
            MemoryLimitBytes = limit is >= UnlimitedV1 ? null : limit,
        };
    }

    private CgroupSample? ReadV2(string cgroup, DateTimeOffset now)
    {
        var relative = cgroup.Trim('/');
        var dir = Path.Combine(root, relative);
        if (!Directory.Exists(dir))
        {
            return null;
        }

        var cpu = KeyValueFile.Parse(Read(Path.Combine(dir, "cpu.stat")) ?? "");
        var stat = KeyValueFile.Parse(Read(Path.Combine(dir, "memory.stat")) ?? "");
        ulong? usage;
        ulong? limit;
        if (relative.Length == 0)
        {
            // The v2 root has no memory.current or memory.max: the machine's used memory and size stand in, as runc's root stats do.
            var meminfo = KeyValueFile.Parse(Read(Path.Combine(proc, "meminfo")) ?? "");
            usage = meminfo.TryGetValue("MemTotal", out var total) && meminfo.TryGetValue("MemFree", out var free) && total >= free ? (total - free) * 1024 : null;
            limit = null;
        }
        else
        {
            usage = Number(Path.Combine(dir, "memory.current"));
            limit = Number(Path.Combine(dir, "memory.max"));
        }

        return new CgroupSample
        {
            Time = now,
            CpuUsageNanoseconds = cpu.TryGetValue("usage_usec", out var usec) ? usec * 1000 : null,
            MemoryUsageBytes = usage,
            WorkingSetBytes = WorkingSet(usage, stat.GetValueOrDefault("inactive_file")),
            RssBytes = Value(stat, "anon"),
            PageFaults = Value(stat, "pgfault"),
            MajorPageFaults = Value(stat, "pgmajfault"),
            MemoryLimitBytes = limit,
        };
    }

    private static ulong? WorkingSet(ulong? usage, ulong inactiveFile) =>
        usage is { } value ? (value > inactiveFile ? value - inactiveFile : 0) : null;

    private static ulong? Value(Dictionary<string, ulong> values, string key) => values.TryGetValue(key, out var value) ? value : null;

    private static ulong? Number(string path) => Read(path) is { } text ? KeyValueFile.Number(text) : null;

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            // Gone between listing and reading (a container that just exited), or not there at all.
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
