using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.KubeProxy.Plan;
using Orchestrator.Testing;

namespace Orchestrator.KubeProxy.Tests;

public sealed class ProxyHostTests
{
    [Fact]
    public async Task Syncs_the_plan_of_the_cluster_and_again_when_an_EndpointSlice_changes()
    {
        await using var server = await InProcessApiServer.StartAsync();
        var client = server.Client;
        var service = await client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80, TargetPort = 8080 }] },
        }, "default");
        var slice = await client.DiscoveryV1.CreateNamespacedEndpointSliceAsync(Slice("10.244.1.5"), "default");
        var backend = new RecordingBackend();
        var options = new ProxyOptions("node-a") { MinSyncPeriod = TimeSpan.FromMilliseconds(50), SyncPeriod = TimeSpan.FromMilliseconds(500) };
        var programmed = ProxyMetrics.NetworkProgrammingDuration.Count;
        var synced = ProxyMetrics.SyncProxyRulesDuration.Count;
        var startedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var stop = new CancellationTokenSource();
        var host = new ProxyHost(server.CreateClient(), NullLoggerFactory.Instance, options, backend);
        var running = Task.Run(() => host.RunAsync(stop.Token));
        try
        {
            var first = await backend.NextAsync(p => Web(p)?.ClusterEndpoints.Count == 1);
            Assert.Equal(service.Spec.ClusterIP, Web(first)!.ClusterIp);

            slice.Endpoints.Add(new V1Endpoint { Addresses = ["10.244.2.7"] });
            await client.DiscoveryV1.ReplaceNamespacedEndpointSliceAsync(slice, "web-1", "default");
            var second = await backend.NextAsync(p => Web(p)?.ClusterEndpoints.Count == 2);
            Assert.Equal(["10.244.1.5", "10.244.2.7"], Web(second)!.ClusterEndpoints.Select(e => e.Ip));

            // The first sync (done before the second began) observed the slice's programming latency.
            Assert.True(ProxyMetrics.NetworkProgrammingDuration.Count > programmed);

            // Every sync is timed and stamped, under upstream's names, in the text a scrape reads.
            var samples = await ScrapeAsync();
            Assert.Contains(samples, s => s.Name == "kubeproxy_sync_proxy_rules_duration_seconds_count" && s.Value >= synced + 2);
            Assert.Contains(samples, s => s.Name == "kubeproxy_sync_proxy_rules_last_timestamp_seconds" && s.Value >= startedAt);
            Assert.Contains(samples, s => s.Name == "kubeproxy_network_programming_duration_seconds_bucket" && s.Has(("le", "59")));

            // With no change for a sync period the host asks the backend for a full resync.
            await backend.NextAsync(_ => backend.FullSyncRequests > 0);
        }
        finally
        {
            await stop.CancelAsync();
            await running.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        Assert.True(running.IsCompletedSuccessfully || running.IsCanceled || running.Exception?.InnerException is OperationCanceledException, running.Exception?.ToString());
    }

    private static async Task<IReadOnlyList<PrometheusSample>> ScrapeAsync()
    {
        using var text = new MemoryStream();
        await Prometheus.Metrics.DefaultRegistry.CollectAndExportAsTextAsync(text);
        return PrometheusText.ParseFamilies(System.Text.Encoding.UTF8.GetString(text.ToArray()), "kubeproxy_");
    }

    private static ServicePortPlan? Web(ProxyPlan plan) => plan.Services.FirstOrDefault(s => s.Name.Name == "web");

    private static V1EndpointSlice Slice(string ip) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web-1", Labels = new Dictionary<string, string> { ["kubernetes.io/service-name"] = "web" } },
        AddressType = "IPv4",
        Endpoints = [new V1Endpoint { Addresses = [ip] }],
        Ports = [new Discoveryv1EndpointPort { Name = "", Port = 8080, Protocol = "TCP" }],
    };
}
