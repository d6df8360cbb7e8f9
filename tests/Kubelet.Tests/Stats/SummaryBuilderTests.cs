using System.Text.Json;
using Orchestrator.Kubelet.Stats;
using Orchestrator.Kubelet.Stats.Cgroups;
using Orchestrator.Kubelet.Stats.Summary;

namespace Orchestrator.Kubelet.Tests.Stats;

/// <summary>The summary built from recorded CRI answers and cgroup samples, over two rounds (rates need two).</summary>
public sealed class SummaryBuilderTests
{
    private static readonly DateTimeOffset Now1 = DateTimeOffset.UnixEpoch.AddTicks(RecordedCri.Round1 / 100);
    private static readonly DateTimeOffset Now2 = DateTimeOffset.UnixEpoch.AddTicks(RecordedCri.Round2 / 100);

    [Fact]
    public void Two_rounds_give_upstream_s_summary_json_with_rates_on_the_second()
    {
        var builder = new SummaryBuilder(new CpuRateTracker());

        var first = builder.Build(Input(Now1, cpu: 1_000_000_000, nodeCpu: 90_000_000_000_000, podCpu: 1_100_000_000));
        var second = builder.Build(Input(Now2, cpu: 1_500_000_000, nodeCpu: 90_001_500_000_000, podCpu: 1_700_000_000));

        Assert.Null(first.Node.Cpu!.UsageNanoCores);
        Assert.Null(first.Pods[0].Containers[0].Cpu!.UsageNanoCores);
        Assert.Equal(1_500_000_000UL, second.Node.Cpu!.UsageNanoCores);
        Assert.Equal(500_000_000UL, second.Pods[0].Containers[0].Cpu!.UsageNanoCores);
        Assert.Equal(600_000_000UL, second.Pods[0].Cpu!.UsageNanoCores);
        Golden.AssertMatches("summary.json", JsonSerializer.Serialize(second, new JsonSerializerOptions(SummaryJson.Options) { WriteIndented = true }) + "\n");
    }

    [Fact]
    public void Only_ready_sandboxes_and_running_containers_are_listed()
    {
        var summary = new SummaryBuilder(new CpuRateTracker()).Build(Input(Now1, 1, 1, 1));

        var pod = Assert.Single(summary.Pods);
        Assert.Equal(new PodReference("web", "shop", "uid-web"), pod.PodRef);
        Assert.Equal("app", Assert.Single(pod.Containers).Name);
    }

    [Fact]
    public void A_pod_without_a_readable_cgroup_sums_its_containers()
    {
        var builder = new SummaryBuilder(new CpuRateTracker());
        builder.Build(Input(Now1, cpu: 1_000_000_000, nodeCpu: 1, podCpu: null));

        var pod = builder.Build(Input(Now2, cpu: 1_250_000_000, nodeCpu: 2, podCpu: null)).Pods[0];

        Assert.Equal(1_250_000_000UL, pod.Cpu!.UsageCoreNanoSeconds);
        Assert.Equal(250_000_000UL, pod.Cpu.UsageNanoCores);
        Assert.Equal(565248UL, pod.Memory!.WorkingSetBytes);
        Assert.Equal(Now2, pod.Memory.Time);
    }

    [Fact]
    public void Writable_layer_and_logs_make_the_pod_s_ephemeral_storage_and_a_zero_runtime_timestamp_takes_the_round_s()
    {
        var container = new SummaryBuilder(new CpuRateTracker()).Build(Input(Now1, 1, 1, 1)).Pods[0];

        Assert.Equal(4096UL + 300, container.EphemeralStorage!.UsedBytes);
        Assert.Equal(Now1, container.Containers[0].Rootfs!.Time);
        Assert.Equal(3UL, container.Containers[0].Rootfs!.InodesUsed);
        Assert.Equal(300UL, container.Containers[0].Logs!.UsedBytes);
        Assert.Null(container.Containers[0].Memory!.AvailableBytes); // containerd's 0 for "no limit" is not passed on
    }

    [Fact]
    public void A_node_without_readable_cgroups_or_filesystems_leaves_those_fields_out()
    {
        var summary = new SummaryBuilder(new CpuRateTracker()).Build(new StatsInput { NodeName = "n", Now = Now1, BootTime = Now1.AddHours(-1) });

        Assert.Equal("{\"node\":{\"nodeName\":\"n\",\"startTime\":\"2026-12-06T19:29:16Z\"},\"pods\":[]}", JsonSerializer.Serialize(summary, SummaryJson.Options));
    }

    private static StatsInput Input(DateTimeOffset now, ulong cpu, ulong nodeCpu, ulong? podCpu) => new()
    {
        NodeName = "real-node",
        Now = now,
        BootTime = new DateTimeOffset(2026, 12, 6, 2, 52, 57, TimeSpan.Zero),
        Node = new CgroupSample
        {
            Time = now,
            CpuUsageNanoseconds = nodeCpu,
            MemoryUsageBytes = 5_968_560_128,
            WorkingSetBytes = 3_920_617_472,
            RssBytes = 1_952_153_600,
            PageFaults = 869_698_173,
            MajorPageFaults = 62_998,
        },
        MachineMemoryBytes = 25_276_182_528,
        RootFs = new FsStatsSample(now, 270_553_174_016, 63_968_227_328, 35_132_416_000),
        ImageFs = new FsStatsSample(now, 270_553_174_016, 63_968_227_328, 2_756_608, 288),
        Sandboxes = RecordedCri.Sandboxes(),
        Containers = RecordedCri.Containers(),
        ContainerStats = RecordedCri.Stats((now - DateTimeOffset.UnixEpoch).Ticks * 100, cpu),
        PodCgroups = podCpu is { } value
            ? new Dictionary<string, CgroupSample> { ["uid-web"] = new() { Time = now, CpuUsageNanoseconds = value, MemoryUsageBytes = 786_432, WorkingSetBytes = 786_432 } }
            : new Dictionary<string, CgroupSample>(),
        LogBytes = new Dictionary<string, ulong> { ["c-app"] = 300 },
    };
}
