using Orchestrator.Kubelet.Stats.Cgroups;

namespace Orchestrator.Kubelet.Tests.Stats.Cgroups;

/// <summary>The cgroup reader on fixture trees laid out as cgroupfs v1 (cpuacct, memory) and v2 lay them out.</summary>
public sealed class CgroupReaderTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 20, 0, 0, TimeSpan.Zero);
    private readonly string _root = Directory.CreateTempSubdirectory("orc-cgroup-fixture-").FullName;

    private string Cgroup => Path.Combine(_root, "sys");

    private string Proc => Path.Combine(_root, "proc");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void V1_reads_cpuacct_and_memory_with_working_set_less_inactive_file()
    {
        Write("sys/cpuacct/kubepods/podA/cpuacct.usage", "123456789\n");
        Write("sys/memory/kubepods/podA/memory.usage_in_bytes", "10000000\n");
        Write("sys/memory/kubepods/podA/memory.limit_in_bytes", "9223372036854771712\n");
        Write("sys/memory/kubepods/podA/memory.stat", "cache 5\nrss 6\ntotal_rss 4000000\ntotal_inactive_file 3000000\ntotal_pgfault 77\ntotal_pgmajfault 2\n");

        var sample = new CgroupReader(Cgroup, Proc).Read("/kubepods/podA", Now);

        Assert.NotNull(sample);
        Assert.Equal(123456789UL, sample.CpuUsageNanoseconds);
        Assert.Equal(10000000UL, sample.MemoryUsageBytes);
        Assert.Equal(7000000UL, sample.WorkingSetBytes);
        Assert.Equal(4000000UL, sample.RssBytes);
        Assert.Equal(77UL, sample.PageFaults);
        Assert.Equal(2UL, sample.MajorPageFaults);
        Assert.Null(sample.MemoryLimitBytes); // v1's page-rounded int64 maximum means no limit
        Assert.Equal(Now, sample.Time);
    }

    [Fact]
    public void V1_working_set_is_zero_not_negative_when_inactive_file_exceeds_usage()
    {
        Write("sys/memory/p/memory.usage_in_bytes", "100");
        Write("sys/memory/p/memory.limit_in_bytes", "1048576");
        Write("sys/memory/p/memory.stat", "total_inactive_file 200\n");

        var sample = new CgroupReader(Cgroup, Proc).Read("p", Now)!;

        Assert.Equal(0UL, sample.WorkingSetBytes);
        Assert.Equal(1048576UL, sample.MemoryLimitBytes);
        Assert.Null(sample.CpuUsageNanoseconds);
    }

    [Fact]
    public void V2_reads_cpu_stat_microseconds_and_memory_current()
    {
        Write("sys/cgroup.controllers", "cpu memory\n");
        Write("sys/kubepods/podB/cpu.stat", "usage_usec 2500\nuser_usec 2000\nsystem_usec 500\n");
        Write("sys/kubepods/podB/memory.current", "8192000\n");
        Write("sys/kubepods/podB/memory.max", "max\n");
        Write("sys/kubepods/podB/memory.stat", "anon 4096000\nfile 4096000\ninactive_file 1024000\npgfault 10\npgmajfault 1\n");

        var sample = new CgroupReader(Cgroup, Proc).Read("/kubepods/podB", Now)!;

        Assert.Equal(2500000UL, sample.CpuUsageNanoseconds);
        Assert.Equal(8192000UL, sample.MemoryUsageBytes);
        Assert.Equal(7168000UL, sample.WorkingSetBytes);
        Assert.Equal(4096000UL, sample.RssBytes);
        Assert.Equal(10UL, sample.PageFaults);
        Assert.Equal(1UL, sample.MajorPageFaults);
        Assert.Null(sample.MemoryLimitBytes);
    }

    [Fact]
    public void V2_root_takes_usage_from_meminfo_because_the_root_has_no_memory_current()
    {
        Write("sys/cgroup.controllers", "cpu memory\n");
        Write("sys/cpu.stat", "usage_usec 1000000\n");
        Write("sys/memory.stat", "anon 100\ninactive_file 1024\n");
        Write("proc/meminfo", "MemTotal:       16000 kB\nMemFree:         6000 kB\nMemAvailable:   9000 kB\n");

        var sample = new CgroupReader(Cgroup, Proc).Read("/", Now)!;

        Assert.Equal(1_000_000_000UL, sample.CpuUsageNanoseconds);
        Assert.Equal(10000UL * 1024, sample.MemoryUsageBytes);
        Assert.Equal(10000UL * 1024 - 1024, sample.WorkingSetBytes);
    }

    [Fact]
    public void A_missing_cgroup_is_null_and_proc_files_give_memory_and_boot_time()
    {
        Write("proc/meminfo", "MemTotal:       2048 kB\n");
        Write("proc/stat", "cpu  1 2 3\nbtime 1796500000\nprocesses 5\n");
        var reader = new CgroupReader(Cgroup, Proc);

        Assert.Null(reader.Read("/gone", Now));
        Assert.Equal(2048UL * 1024, reader.MachineMemoryBytes());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1796500000), reader.BootTime());
    }

    [Theory]
    [InlineData("total_rss 5\nbad line\nx y\n", "total_rss", 5UL)]
    [InlineData("MemTotal:  16 kB\n", "MemTotal", 16UL)]
    [InlineData("  usage_usec 7  \n", "usage_usec", 7UL)]
    public void Key_value_files_parse_stat_and_meminfo_lines(string text, string key, ulong expected) =>
        Assert.Equal(expected, KeyValueFile.Parse(text)[key]);

    [Theory]
    [InlineData("42\n", 42UL)]
    [InlineData("max\n", null)]
    [InlineData("", null)]
    public void Single_number_files_read_max_as_no_value(string text, ulong? expected) => Assert.Equal(expected, KeyValueFile.Number(text));

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
