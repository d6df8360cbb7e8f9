using System.Net;
using System.Text.Json.Nodes;
using Orchestrator.Kubelet.Server;
using Orchestrator.Kubelet.Stats;
using Orchestrator.Kubelet.Stats.Cgroups;
using Orchestrator.Kubelet.Stats.Summary;
using Orchestrator.Kubelet.Tests.Server;

namespace Orchestrator.Kubelet.Tests.Stats;

/// <summary>The stats endpoints on a running kubelet server, with a provider answering from recorded CRI rounds.</summary>
public sealed class StatsEndpointsTests : IAsyncLifetime
{
    private readonly RecordedStatsProvider _stats = new();
    private readonly HttpClient _http = new();
    private KubeletServer _server = null!;
    private KubeletServer _withoutStats = null!;

    public async Task InitializeAsync()
    {
        _server = new KubeletServer(new FakeStreamingRuntime(), new KubeletServerOptions { BindAddress = IPAddress.Loopback, Port = 0, Stats = _stats });
        _withoutStats = new KubeletServer(new FakeStreamingRuntime(), new KubeletServerOptions { BindAddress = IPAddress.Loopback, Port = 0 });
        await _server.StartAsync();
        await _withoutStats.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        await _withoutStats.DisposeAsync();
    }

    [Fact]
    public async Task Stats_summary_is_json_in_upstream_s_shape()
    {
        using var response = await _http.GetAsync($"http://127.0.0.1:{_server.Port}/stats/summary");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var summary = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("real-node", summary["node"]!["nodeName"]!.GetValue<string>());
        Assert.Equal("web", summary["pods"]![0]!["podRef"]!["name"]!.GetValue<string>());
        Assert.NotNull(summary["pods"]![0]!["ephemeral-storage"]);
        Assert.NotNull(summary["node"]!["runtime"]!["imageFs"]);
    }

    [Fact]
    public async Task Only_cpu_and_memory_leaves_the_filesystems_out()
    {
        var summary = JsonNode.Parse(await _http.GetStringAsync($"http://127.0.0.1:{_server.Port}/stats/summary?only_cpu_and_memory=true"))!;

        Assert.Null(summary["node"]!["fs"]);
        Assert.Null(summary["node"]!["runtime"]);
        var pod = summary["pods"]![0]!;
        Assert.Null(pod["ephemeral-storage"]);
        Assert.Null(pod["containers"]![0]!["rootfs"]);
        Assert.Null(pod["containers"]![0]!["logs"]);
        Assert.NotNull(pod["containers"]![0]!["cpu"]);
        Assert.NotNull(pod["memory"]);
    }

    [Fact]
    public async Task Resource_metrics_are_prometheus_text_and_a_failing_runtime_is_a_scrape_error()
    {
        using var response = await _http.GetAsync($"http://127.0.0.1:{_server.Port}/metrics/resource");
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("container_cpu_usage_seconds_total{container=\"app\",namespace=\"shop\",pod=\"web\"} ", text, StringComparison.Ordinal);
        Assert.Contains("resource_scrape_error 0\n", text, StringComparison.Ordinal);

        _stats.Fail = true;
        var failed = await _http.GetStringAsync($"http://127.0.0.1:{_server.Port}/metrics/resource");
        Assert.Contains("resource_scrape_error 1\n", failed, StringComparison.Ordinal);
        Assert.DoesNotContain("container_cpu_usage_seconds_total", failed, StringComparison.Ordinal);

        using var summary = await _http.GetAsync($"http://127.0.0.1:{_server.Port}/stats/summary");
        Assert.Equal(HttpStatusCode.InternalServerError, summary.StatusCode);
    }

    [Fact]
    public async Task Cadvisor_metrics_carry_machine_memory_and_the_container_series()
    {
        var text = await _http.GetStringAsync($"http://127.0.0.1:{_server.Port}/metrics/cadvisor");

        Assert.Contains("machine_memory_bytes 2.5276182528e+10\n", text, StringComparison.Ordinal);
        Assert.Contains("container_memory_working_set_bytes{container=\"app\",id=\"\",namespace=\"shop\",pod=\"web\"} 565248 ", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/stats/summary")]
    [InlineData("/metrics/resource")]
    [InlineData("/metrics/cadvisor")]
    public async Task A_kubelet_without_stats_answers_404(string path)
    {
        using var response = await _http.GetAsync($"http://127.0.0.1:{_withoutStats.Port}{path}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private sealed class RecordedStatsProvider : IStatsProvider
    {
        private readonly SummaryBuilder _builder = new(new CpuRateTracker());

        public bool Fail { get; set; }

        public ulong? MachineMemoryBytes => 25_276_182_528;

        public Task<StatsSummary> GetSummaryAsync(CancellationToken ct)
        {
            if (Fail)
            {
                throw new InvalidOperationException("the runtime is not answering");
            }

            var now = DateTimeOffset.UnixEpoch.AddTicks(RecordedCri.Round1 / 100);
            return Task.FromResult(_builder.Build(new StatsInput
            {
                NodeName = "real-node",
                Now = now,
                BootTime = now.AddHours(-1),
                Node = new CgroupSample { Time = now, CpuUsageNanoseconds = 1, WorkingSetBytes = 2 },
                RootFs = new FsStatsSample(now, 100, 50, 50),
                ImageFs = new FsStatsSample(now, 100, 50, 10, 1),
                Sandboxes = RecordedCri.Sandboxes(),
                Containers = RecordedCri.Containers(),
                ContainerStats = RecordedCri.Stats(RecordedCri.Round1, 10),
            }));
        }
    }
}
