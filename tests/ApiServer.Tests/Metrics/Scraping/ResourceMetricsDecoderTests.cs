using Orchestrator.ApiServer.Metrics.Scraping;
using Orchestrator.ApiServer.Metrics.Storage;

namespace Orchestrator.ApiServer.Tests.Metrics.Scraping;

public sealed class ResourceMetricsDecoderTests
{
    /// <summary>A kubelet's /metrics/resource as upstream's kubelet writes it (help and type lines included).</summary>
    internal const string Recorded = """
        # HELP container_cpu_usage_seconds_total [STABLE] Cumulative cpu time consumed by the container in core-seconds
        # TYPE container_cpu_usage_seconds_total counter
        container_cpu_usage_seconds_total{container="coredns",namespace="kube-system",pod="coredns-55fddfc79-6jlbm"} 0.374843 1690894339263
        container_cpu_usage_seconds_total{container="app",namespace="default",pod="web"} 12.5 1690894339270
        container_cpu_usage_seconds_total{container="sidecar",namespace="default",pod="web"} 1 1690894339270
        # HELP container_memory_working_set_bytes [STABLE] Current working set of the container in bytes
        # TYPE container_memory_working_set_bytes gauge
        container_memory_working_set_bytes{container="coredns",namespace="kube-system",pod="coredns-55fddfc79-6jlbm"} 1.3217792e+07 1690894339263
        container_memory_working_set_bytes{container="app",namespace="default",pod="web"} 1.048576e+07 1690894339270
        container_memory_working_set_bytes{container="sidecar",namespace="default",pod="web"} 2048 1690894339270
        # HELP container_start_time_seconds [STABLE] Start time of the container since unix epoch in seconds
        # TYPE container_start_time_seconds gauge
        container_start_time_seconds{container="coredns",namespace="kube-system",pod="coredns-55fddfc79-6jlbm"} 1.690894127e+09 1690894127000
        container_start_time_seconds{container="app",namespace="default",pod="web"} 1.6908941e+09
        # HELP node_cpu_usage_seconds_total [STABLE] Cumulative cpu time consumed by the node in core-seconds
        # TYPE node_cpu_usage_seconds_total counter
        node_cpu_usage_seconds_total 357.35491 1690894339263
        # HELP node_memory_working_set_bytes [STABLE] Current working set of the node in bytes
        # TYPE node_memory_working_set_bytes gauge
        node_memory_working_set_bytes 1.616273408e+09 1690894339263
        # HELP pod_cpu_usage_seconds_total [STABLE] Cumulative cpu time consumed by the pod in core-seconds
        # TYPE pod_cpu_usage_seconds_total counter
        pod_cpu_usage_seconds_total{namespace="default",pod="web"} 13.5 1690894339270
        # HELP resource_scrape_error [STABLE] 1 if there was an error while getting container metrics, 0 otherwise
        # TYPE resource_scrape_error gauge
        resource_scrape_error 0
        """;

    private static readonly DateTimeOffset ScrapeTime = DateTimeOffset.FromUnixTimeMilliseconds(1690894340000);

    [Fact]
    public void The_node_point_has_nanocore_seconds_working_set_and_the_samples_millisecond_time()
    {
        var scrape = ResourceMetricsDecoder.Decode(Recorded, ScrapeTime);

        Assert.Equal(new MetricsPoint(DateTimeOffset.MinValue, DateTimeOffset.FromUnixTimeMilliseconds(1690894339263), 357_354_910_000, 1_616_273_408), scrape.Node);
    }

    [Fact]
    public void Container_points_are_grouped_by_pod_with_their_start_times()
    {
        var scrape = ResourceMetricsDecoder.Decode(Recorded, ScrapeTime);

        Assert.Equal(2, scrape.Pods.Count);
        var coredns = Assert.Single(scrape.Pods[new PodKey("kube-system", "coredns-55fddfc79-6jlbm")]);
        Assert.Equal("coredns", coredns.Key);
        Assert.Equal(new MetricsPoint(
            DateTimeOffset.FromUnixTimeSeconds(1690894127), DateTimeOffset.FromUnixTimeMilliseconds(1690894339263), 374_843_000, 13_217_792), coredns.Value);
        var web = scrape.Pods[new PodKey("default", "web")];
        Assert.Equal(["app", "sidecar"], web.Keys.Order());
        Assert.Equal(12_500_000_000UL, web["app"].CumulativeCpuNanos);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1690894100), web["app"].StartTime);
        Assert.Equal(2048UL, web["sidecar"].MemoryBytes);
    }

    [Theory]
    [InlineData("node_cpu_usage_seconds_total 1\n")]
    [InlineData("node_memory_working_set_bytes 1\n")]
    [InlineData("node_cpu_usage_seconds_total 0\nnode_memory_working_set_bytes 5\n")]
    [InlineData("node_cpu_usage_seconds_total NaN\nnode_memory_working_set_bytes 5\n")]
    [InlineData("node_cpu_usage_seconds_total -3\nnode_memory_working_set_bytes 5\n")]
    public void An_incomplete_node_point_is_dropped(string text)
    {
        Assert.Null(ResourceMetricsDecoder.Decode(text, ScrapeTime).Node);
    }

    [Fact]
    public void Samples_without_a_timestamp_take_the_scrape_time()
    {
        var scrape = ResourceMetricsDecoder.Decode("node_cpu_usage_seconds_total 2\nnode_memory_working_set_bytes 3\n", ScrapeTime);

        Assert.Equal(ScrapeTime, scrape.Node!.Value.Timestamp);
    }

    [Fact]
    public void A_pod_with_a_container_lacking_cpu_or_memory_is_dropped_whole()
    {
        const string text = """
            container_cpu_usage_seconds_total{container="a",namespace="n",pod="half"} 1 1000
            container_memory_working_set_bytes{container="a",namespace="n",pod="half"} 10 1000
            container_cpu_usage_seconds_total{container="b",namespace="n",pod="half"} 1 1000
            container_cpu_usage_seconds_total{container="a",namespace="n",pod="whole"} 1 1000
            container_memory_working_set_bytes{container="a",namespace="n",pod="whole"} 10 1000
            container_cpu_usage_seconds_total{namespace="n",pod="unlabelled"} 1 1000
            """;

        var scrape = ResourceMetricsDecoder.Decode(text, ScrapeTime);

        Assert.Equal([new PodKey("n", "whole")], scrape.Pods.Keys);
    }

    [Theory]
    [InlineData("node_cpu_usage_seconds_total 1 999999999999999999")]
    [InlineData("container_start_time_seconds{container=\"a\",namespace=\"n\",pod=\"p\"} 1e300")]
    [InlineData("node_cpu_usage_seconds_total{ 1")]
    public void Out_of_range_times_and_malformed_text_fail_the_scrape(string text)
    {
        Assert.Throws<FormatException>(() => ResourceMetricsDecoder.Decode(text, ScrapeTime));
    }
}
