using System.Text.Json.Nodes;

namespace Orchestrator.E2E.Tests.Containers;

/// <summary>
/// The kubelet's stats through the API server's node proxy, with real kubectl on a real containerd node:
/// /stats/summary lists a running pod with cpu and memory, its usageNanoCores rises while the pod burns
/// CPU, and /metrics/resource carries the container's series under upstream's names.
/// </summary>
[Collection(ContainerdCollection.Name)]
public sealed class NodeStatsTests(ContainerdCluster cluster)
{
    [Fact]
    public async Task Stats_summary_through_the_node_proxy_shows_a_cpu_burning_pod_and_resource_metrics_carry_its_container()
    {
        var ns = await cluster.NamespaceAsync("stats");
        await cluster.Apply(ns, $$"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: burner
            spec:
              terminationGracePeriodSeconds: 0
              containers:
              - name: burn
                image: {{Manifests.Image}}
                command: ["sh", "-c", "while :; do :; done"]
            """);
        await cluster.PodAsync(ns, "burner", ContainerdCluster.IsRunning, "running");
        using var kubectl = cluster.Kubectl();
        var summaryPath = $"/api/v1/nodes/{ContainerdCluster.NodeName}/proxy/stats/summary";

        // The rate needs two samples of the container: poll until the second one gives it.
        JsonObject? container = null;
        await cluster.Eventually(async () =>
        {
            var summary = JsonNode.Parse((await cluster.Ok(kubectl, "get", "--raw", summaryPath)).Stdout)!.AsObject();
            Assert.Equal(ContainerdCluster.NodeName, summary["node"]!["nodeName"]!.GetValue<string>());
            Assert.True(summary["node"]!["memory"]!["workingSetBytes"]!.GetValue<ulong>() > 0);
            var pod = summary["pods"]!.AsArray().OfType<JsonObject>().FirstOrDefault(p => p["podRef"]!["namespace"]!.GetValue<string>() == ns);
            container = pod?["containers"]!.AsArray().OfType<JsonObject>().FirstOrDefault(c => c["name"]!.GetValue<string>() == "burn");
            return container?["cpu"]?["usageNanoCores"] is not null;
        }, TimeSpan.FromSeconds(30), "the burning container's usageNanoCores");

        // A busy loop takes most of a core: far above the 50 millicores an idle container shows.
        var nanoCores = container!["cpu"]!["usageNanoCores"]!.GetValue<ulong>();
        Assert.True(nanoCores > 300_000_000, $"usageNanoCores {nanoCores} while burning: {container}");
        Assert.True(container["memory"]!["workingSetBytes"]!.GetValue<ulong>() > 0, container.ToJsonString());
        Assert.True(container["cpu"]!["usageCoreNanoSeconds"]!.GetValue<ulong>() > 0, container.ToJsonString());

        var metrics = (await cluster.Ok(kubectl, "get", "--raw", $"/api/v1/nodes/{ContainerdCluster.NodeName}/proxy/metrics/resource")).Stdout;
        var labels = $"{{container=\"burn\",namespace=\"{ns}\",pod=\"burner\"}}";
        Assert.Contains("# TYPE container_cpu_usage_seconds_total counter", metrics, StringComparison.Ordinal);
        Assert.Matches($@"(?m)^container_cpu_usage_seconds_total{System.Text.RegularExpressions.Regex.Escape(labels)} \S+ \d{{13}}$", metrics);
        Assert.Matches($@"(?m)^container_memory_working_set_bytes{System.Text.RegularExpressions.Regex.Escape(labels)} \S+ \d{{13}}$", metrics);
        Assert.Matches($@"(?m)^pod_cpu_usage_seconds_total{{namespace=""{ns}"",pod=""burner""}} \S+ \d{{13}}$", metrics);
        Assert.Matches(@"(?m)^node_cpu_usage_seconds_total \S+ \d{13}$", metrics);
        Assert.Contains("resource_scrape_error 0\n", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_node_proxy_answers_404_for_a_missing_node_and_passes_the_kubelet_s_404_through()
    {
        using var kubectl = cluster.Kubectl();

        var missing = await kubectl.RunAsync("get", "--raw", "/api/v1/nodes/no-such-node/proxy/stats/summary");
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("nodes \"no-such-node\" not found", missing.Stderr, StringComparison.Ordinal);

        var unknownPath = await kubectl.RunAsync("get", "--raw", $"/api/v1/nodes/{ContainerdCluster.NodeName}/proxy/no/such/path");
        Assert.NotEqual(0, unknownPath.ExitCode);
        Assert.Contains("NotFound", unknownPath.Stderr, StringComparison.OrdinalIgnoreCase);
    }
}
