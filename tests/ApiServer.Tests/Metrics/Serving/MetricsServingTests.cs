using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tests.Metrics.Serving;

/// <summary>metrics.k8s.io/v1beta1 against an in-process API server whose scraper reads <see cref="TestKubelet"/>s.</summary>
public sealed class MetricsServingTests(MetricsServerFixture server) : IClassFixture<MetricsServerFixture>
{
    private const string Group = "/apis/metrics.k8s.io/v1beta1";
    private const string Pods = Group + "/namespaces/" + MetricsServerFixture.Namespace + "/pods";

    [Fact]
    public async Task Node_metrics_carry_the_kubelets_cpu_rate_and_working_set_with_metrics_servers_formats()
    {
        await server.WaitForMetricsAsync();

        var (status, node) = await server.GetAsync(Group + "/nodes/ready");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("NodeMetrics", node!["kind"]!.GetValue<string>());
        Assert.Equal("metrics.k8s.io/v1beta1", node["apiVersion"]!.GetValue<string>());
        Assert.Equal("ready", node["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("ready", node["metadata"]!["labels"]!["role"]!.GetValue<string>());
        Assert.InRange(NanoCores(node["usage"]!["cpu"]!), TestKubelet.NodeCores * 0.95e9, TestKubelet.NodeCores * 1.05e9);
        Assert.Equal("2Gi", node["usage"]!["memory"]!.GetValue<string>());
        Assert.InRange(Seconds(node["window"]!.GetValue<string>()), 0.2, 5);
        var timestamp = DateTimeOffset.Parse(node["timestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.InRange(timestamp, DateTimeOffset.UtcNow.AddSeconds(-10), DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task Only_ready_nodes_that_answer_are_listed_and_the_others_are_404_on_their_group_resource()
    {
        await server.WaitForMetricsAsync();

        var (_, list) = await server.GetAsync(Group + "/nodes");
        var (notReady, notReadyBody) = await server.GetAsync(Group + "/nodes/notready");
        var (missing, missingBody) = await server.GetAsync(Group + "/nodes/ghost");

        Assert.Equal("NodeMetricsList", list!["kind"]!.GetValue<string>());
        Assert.Equal(["ready"], Names(list));
        Assert.True(server.Broken.Scrapes > 0, "the broken kubelet was asked");
        Assert.Equal(HttpStatusCode.NotFound, notReady);
        Assert.Equal("nodemetrics.metrics.k8s.io \"notready\" not found", notReadyBody!["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal("nodes \"ghost\" not found", missingBody!["message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("?labelSelector=role%3Dready", "ready")]
    [InlineData("?labelSelector=role%3Dbroken", "")]
    [InlineData("?fieldSelector=metadata.name%3Dready", "ready")]
    [InlineData("?fieldSelector=metadata.name%21%3Dready", "")]
    public async Task Node_selectors_apply_to_the_nodes(string query, string names)
    {
        await server.WaitForMetricsAsync();

        var (status, list) = await server.GetAsync(Group + "/nodes" + query);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(names, string.Join(',', Names(list!)));
    }

    [Fact]
    public async Task Pod_metrics_list_each_container_with_the_pods_labels()
    {
        await server.WaitForMetricsAsync();

        var (status, pod) = await server.GetAsync(Pods + "/web");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("PodMetrics", pod!["kind"]!.GetValue<string>());
        Assert.Equal(MetricsServerFixture.Namespace, pod["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Equal("web", pod["metadata"]!["labels"]!["app"]!.GetValue<string>());
        var container = Assert.Single(pod["containers"]!.AsArray())!;
        Assert.Equal("app", container["name"]!.GetValue<string>());
        Assert.InRange(NanoCores(container["usage"]!["cpu"]!), TestKubelet.WebCores * 0.95e9, TestKubelet.WebCores * 1.05e9);
        Assert.Equal("10Mi", container["usage"]!["memory"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(Pods, "web")]
    [InlineData(Group + "/pods", "web")]
    [InlineData(Pods + "?labelSelector=app%3Dweb", "web")]
    [InlineData(Pods + "?labelSelector=app%3Didle", "")]
    [InlineData(Pods + "?fieldSelector=metadata.name%3Dweb", "web")]
    [InlineData(Group + "/pods?fieldSelector=metadata.namespace%3Dother", "")]
    [InlineData(Group + "/namespaces/other/pods", "")]
    public async Task Pod_lists_hold_the_measured_pods_their_selectors_match(string path, string names)
    {
        await server.WaitForMetricsAsync();

        var (status, list) = await server.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("PodMetricsList", list!["kind"]!.GetValue<string>());
        Assert.Equal(names, string.Join(',', Names(list)));
    }

    [Theory]
    [InlineData("idle", "podmetrics.metrics.k8s.io \"idle\" not found")]
    [InlineData("ghost", "pods \"ghost\" not found")]
    public async Task A_pod_without_metrics_is_404(string pod, string message)
    {
        await server.WaitForMetricsAsync();

        var (status, body) = await server.GetAsync(Pods + "/" + pod);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("NotFound", body!["reason"]!.GetValue<string>());
        Assert.Equal(message, body["message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("?watch=true")]
    [InlineData("/web/status")]
    public async Task Watch_and_subresources_are_not_served(string suffix)
    {
        var (status, _) = await server.GetAsync(Pods + suffix);

        Assert.True(status is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound, $"got {status}");
    }

    [Fact]
    public async Task Writes_are_not_allowed()
    {
        using var response = await server.Http.DeleteAsync(Pods + "/web");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Discovery_lists_nodes_and_pods_with_get_and_list_and_the_api_service_is_available()
    {
        var (_, resources) = await server.GetAsync(Group);
        var (_, apiService) = await server.GetAsync("/apis/apiregistration.k8s.io/v1/apiservices/v1beta1.metrics.k8s.io");
        var (_, aggregated) = await server.GetAsync("/apis", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");

        var listed = resources!["resources"]!.AsArray().Select(r => (r!["name"]!.GetValue<string>(), r["kind"]!.GetValue<string>(), r["namespaced"]!.GetValue<bool>(), string.Join(',', r["verbs"]!.AsArray().Select(v => v!.GetValue<string>())))).ToList();
        Assert.Equal([("nodes", "NodeMetrics", false, "get,list"), ("pods", "PodMetrics", true, "get,list")], listed.Order());
        Assert.Equal("metrics.k8s.io", apiService!["spec"]!["group"]!.GetValue<string>());
        Assert.Contains(apiService["status"]!["conditions"]!.AsArray(), c => c!["type"]!.GetValue<string>() == "Available" && c["status"]!.GetValue<string>() == "True");
        Assert.Contains(aggregated!["items"]!.AsArray(), g => g!["metadata"]!["name"]!.GetValue<string>() == "metrics.k8s.io");
    }

    [Fact]
    public async Task A_table_is_printed_for_kubectl_get()
    {
        await server.WaitForMetricsAsync();

        var (status, table) = await server.GetAsync(Group + "/nodes", "application/json;as=Table;v=v1;g=meta.k8s.io");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Table", table!["kind"]!.GetValue<string>());
        Assert.Equal("ready", table["rows"]!.AsArray().Single()!["cells"]![0]!.GetValue<string>());
    }

    private static List<string> Names(JsonObject list) =>
        [.. list["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>())];

    private static double NanoCores(JsonNode quantity)
    {
        Assert.True(ApiMachinery.Resources.Quantity.TryParse(quantity.GetValue<string>(), out var parsed, out _));
        return (double)parsed.Mantissa * Math.Pow(10, parsed.Exponent + 9);
    }

    private static double Seconds(string goDuration) =>
        goDuration.EndsWith("ms", StringComparison.Ordinal)
            ? double.Parse(goDuration[..^2], CultureInfo.InvariantCulture) / 1000
            : double.Parse(goDuration[..^1], CultureInfo.InvariantCulture);
}
