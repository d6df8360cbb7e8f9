using Orchestrator.Kubelet.Stats;
using Orchestrator.Kubelet.Stats.Cgroups;
using Orchestrator.Kubelet.Stats.Metrics;
using Orchestrator.Kubelet.Stats.Summary;

namespace Orchestrator.Kubelet.Tests.Stats.Metrics;

/// <summary>/metrics/resource and /metrics/cadvisor text from a summary built of recorded CRI answers (golden files).</summary>
public sealed class ResourceMetricsTests
{
    [Fact]
    public void Resource_metrics_carry_upstream_s_names_help_labels_and_millisecond_timestamps()
    {
        Golden.AssertMatches("resource.txt", PrometheusText.Write(ResourceMetrics.Families(Summary())));
    }

    [Fact]
    public void A_failed_scrape_is_only_the_scrape_errors_set_to_one()
    {
        Assert.Equal(
            "# HELP resource_scrape_error [STABLE] 1 if there was an error while getting container metrics, 0 otherwise\n"
            + "# TYPE resource_scrape_error gauge\nresource_scrape_error 1\n"
            + "# HELP scrape_error [ALPHA] (Deprecated since 1.29.0) 1 if there was an error while getting container metrics, 0 otherwise\n"
            + "# TYPE scrape_error gauge\nscrape_error 1\n",
            PrometheusText.Write(ResourceMetrics.Families(null)));
    }

    [Fact]
    public void Cadvisor_metrics_have_the_node_root_the_pod_cgroup_and_the_container()
    {
        Golden.AssertMatches("cadvisor.txt", PrometheusText.Write(CadvisorMetrics.Families(Summary(), 25_276_182_528)));
    }

    private static StatsSummary Summary()
    {
        var now = DateTimeOffset.UnixEpoch.AddTicks(RecordedCri.Round1 / 100);
        return new SummaryBuilder(new CpuRateTracker()).Build(new StatsInput
        {
            NodeName = "real-node",
            Now = now,
            BootTime = now.AddHours(-17),
            Node = new CgroupSample { Time = now, CpuUsageNanoseconds = 93_022_009_683_496, MemoryUsageBytes = 5_968_560_128, WorkingSetBytes = 3_920_486_400, RssBytes = 1_952_153_600 },
            RootFs = new FsStatsSample(now, 270_553_174_016, 63_968_227_328, 35_132_416_000),
            ImageFs = new FsStatsSample(now, 270_553_174_016, 63_968_227_328, 2_756_608, 288),
            Sandboxes = RecordedCri.Sandboxes(),
            Containers = RecordedCri.Containers(),
            ContainerStats = RecordedCri.Stats(RecordedCri.Round1, 373_531_677),
            PodCgroups = new Dictionary<string, CgroupSample> { ["uid-web"] = new() { Time = now, CpuUsageNanoseconds = 383_845_197, WorkingSetBytes = 786_432 } },
        });
    }
}
