using System.Net;
using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tests.Registry.VersionConversion;

/// <summary>
/// The version-conversion hook on every request path, through autoscaling/v1 HorizontalPodAutoscalers served from
/// the stored autoscaling/v2 objects: each path answers in the request's version and writes the storage version.
/// </summary>
public sealed class ServedVersionPathTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    private const string Target = """{"apiVersion":"apps/v1","kind":"Deployment","name":"web"}""";

    [Fact]
    public async Task A_v1_create_is_stored_as_v2_and_reads_back_in_either_version_as_one_object()
    {
        var ns = await api.NewNamespaceAsync("conv-create");

        var (status, created, _) = await api.SendAsync(HttpMethod.Post, V1(ns), V1Body("web", 50));
        var (_, v2, _) = await api.SendAsync(HttpMethod.Get, V2(ns, "web"));
        var (_, v1, _) = await api.SendAsync(HttpMethod.Get, V1(ns, "web"));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("autoscaling/v1", Text(created, "apiVersion"));
        Assert.Equal(50, created!["spec"]!["targetCPUUtilizationPercentage"]!.GetValue<int>());
        Assert.Equal("autoscaling/v2", Text(v2, "apiVersion"));
        Assert.Equal(
            """[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":50}}}]""",
            v2!["spec"]!["metrics"]!.ToJsonString());
        Assert.Equal("autoscaling/v1", Text(v1, "apiVersion"));
        Assert.Equal(50, v1!["spec"]!["targetCPUUtilizationPercentage"]!.GetValue<int>());
        Assert.Equal(Text(v2["metadata"], "uid"), Text(v1["metadata"], "uid"));
        Assert.Equal(Text(v2["metadata"], "resourceVersion"), Text(v1["metadata"], "resourceVersion"));
        Assert.Null(v1["metadata"]!["annotations"]);
    }

    [Fact]
    public async Task A_v1_update_of_a_v2_object_keeps_the_metrics_v1_carries_in_its_annotations()
    {
        var ns = await api.NewNamespaceAsync("conv-update");
        await api.SendAsync(HttpMethod.Post, V2(ns), V2Body("web"));

        var (_, v1, _) = await api.SendAsync(HttpMethod.Get, V1(ns, "web"));
        v1!["spec"]!["maxReplicas"] = 7;
        var (status, updated, _) = await api.SendAsync(HttpMethod.Put, V1(ns, "web"), v1.ToJsonString());
        var (_, v2, _) = await api.SendAsync(HttpMethod.Get, V2(ns, "web"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("autoscaling/v1", Text(updated, "apiVersion"));
        Assert.Contains("memory", Text(v1["metadata"]!["annotations"], "autoscaling.alpha.kubernetes.io/metrics"), StringComparison.Ordinal);
        Assert.Equal(7, v2!["spec"]!["maxReplicas"]!.GetValue<int>());
        Assert.Equal(MetricsThroughV1, v2["spec"]!["metrics"]!.ToJsonString());
        Assert.Null(v2["metadata"]!["annotations"]);
    }

    [Theory]
    [InlineData("application/merge-patch+json", """{"spec":{"targetCPUUtilizationPercentage":70}}""")]
    [InlineData("application/strategic-merge-patch+json", """{"spec":{"targetCPUUtilizationPercentage":70}}""")]
    [InlineData("application/json-patch+json", """[{"op":"replace","path":"/spec/targetCPUUtilizationPercentage","value":70}]""")]
    public async Task A_v1_patch_applies_to_the_v1_form_and_keeps_what_only_v2_holds(string contentType, string patch)
    {
        var ns = await api.NewNamespaceAsync("conv-patch");
        await api.SendAsync(HttpMethod.Post, V2(ns), V2Body("web"));

        var (status, patched, _) = await api.SendAsync(HttpMethod.Patch, V1(ns, "web"), patch, contentType);
        var (_, v2, _) = await api.SendAsync(HttpMethod.Get, V2(ns, "web"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("autoscaling/v1", Text(patched, "apiVersion"));
        Assert.Equal(70, patched!["spec"]!["targetCPUUtilizationPercentage"]!.GetValue<int>());
        Assert.Equal(MetricsThroughV1.Replace("\"averageUtilization\":50", "\"averageUtilization\":70", StringComparison.Ordinal), v2!["spec"]!["metrics"]!.ToJsonString());
    }

    [Fact]
    public async Task Server_side_apply_from_v1_creates_then_updates_and_records_its_fields_under_autoscaling_v1()
    {
        var ns = await api.NewNamespaceAsync("conv-apply");
        var path = V1(ns, "web") + "?fieldManager=v1-applier";

        var (createdStatus, created, _) = await api.SendAsync(HttpMethod.Patch, path, V1Body("web", 50), "application/apply-patch+yaml");
        var (updatedStatus, updated, _) = await api.SendAsync(HttpMethod.Patch, path, V1Body("web", 60), "application/apply-patch+yaml");
        var (_, v2, _) = await api.SendAsync(HttpMethod.Get, V2(ns, "web"));
        var (v2Status, _, _) = await api.SendAsync(HttpMethod.Patch, V2(ns, "web") + "?fieldManager=v2-applier&force=true",
            V2Body("web").Replace("\"maxReplicas\":3", "\"maxReplicas\":4", StringComparison.Ordinal), "application/apply-patch+yaml");
        var (_, v1, _) = await api.SendAsync(HttpMethod.Get, V1(ns, "web"));

        Assert.Equal(HttpStatusCode.Created, createdStatus);
        Assert.Equal("autoscaling/v1", Text(created, "apiVersion"));
        Assert.Equal(HttpStatusCode.OK, updatedStatus);
        Assert.Equal(60, updated!["spec"]!["targetCPUUtilizationPercentage"]!.GetValue<int>());
        var entry = Assert.Single(v2!["metadata"]!["managedFields"]!.AsArray(), e => Text(e, "manager") == "v1-applier");
        Assert.Equal("autoscaling/v1", Text(entry, "apiVersion"));
        Assert.NotNull(entry!["fieldsV1"]!["f:spec"]!["f:targetCPUUtilizationPercentage"]);
        Assert.Equal(60, v2["spec"]!["metrics"]![0]!["resource"]!["target"]!["averageUtilization"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, v2Status);
        Assert.Equal(4, v1!["spec"]!["maxReplicas"]!.GetValue<int>());
        Assert.Contains(v1["metadata"]!["managedFields"]!.AsArray(), e => Text(e, "manager") == "v2-applier" && Text(e, "apiVersion") == "autoscaling/v2");
    }

    [Fact]
    public async Task Create_and_update_record_managed_fields_in_the_version_each_manager_wrote()
    {
        var ns = await api.NewNamespaceAsync("conv-fields");
        await api.SendAsync(HttpMethod.Post, V1(ns) + "?fieldManager=v1-writer", V1Body("web", 50));
        var (_, v2, _) = await api.SendAsync(HttpMethod.Get, V2(ns, "web"));
        v2!["spec"]!["maxReplicas"] = 8;

        await api.SendAsync(HttpMethod.Put, V2(ns, "web") + "?fieldManager=v2-writer", v2.ToJsonString());
        var (_, after, _) = await api.SendAsync(HttpMethod.Get, V2(ns, "web"));

        var entries = after!["metadata"]!["managedFields"]!.AsArray();
        var v1Entry = Assert.Single(entries, e => Text(e, "manager") == "v1-writer");
        var v2Entry = Assert.Single(entries, e => Text(e, "manager") == "v2-writer");
        Assert.Equal("autoscaling/v1", Text(v1Entry, "apiVersion"));
        Assert.NotNull(v1Entry!["fieldsV1"]!["f:spec"]!["f:targetCPUUtilizationPercentage"]);
        Assert.Null(v1Entry["fieldsV1"]!["f:spec"]!["f:metrics"]);
        Assert.Equal("autoscaling/v2", Text(v2Entry, "apiVersion"));
        Assert.NotNull(v2Entry!["fieldsV1"]!["f:spec"]!["f:maxReplicas"]);
    }

    [Fact]
    public async Task Discovery_lists_v2_as_preferred_then_v1_and_openapi_v3_serves_the_v1_schema()
    {
        var (_, group, _) = await api.SendAsync(HttpMethod.Get, "/apis/autoscaling");
        var (_, v1Resources, _) = await api.SendAsync(HttpMethod.Get, "/apis/autoscaling/v1");
        var (status, openapi, _) = await api.SendAsync(HttpMethod.Get, "/openapi/v3/apis/autoscaling/v1");

        Assert.Equal(["autoscaling/v2", "autoscaling/v1"], group!["versions"]!.AsArray().Select(v => Text(v, "groupVersion")));
        Assert.Equal("autoscaling/v2", Text(group["preferredVersion"], "groupVersion"));
        Assert.Contains(v1Resources!["resources"]!.AsArray(), r => Text(r, "name") == "horizontalpodautoscalers/status");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(openapi!["components"]!["schemas"]!["io.k8s.api.autoscaling.v1.HorizontalPodAutoscalerSpec"]!["properties"]!["targetCPUUtilizationPercentage"]);
    }

    [Fact]
    public async Task Lists_from_the_cache_and_from_the_store_answer_v1_lists_with_v1_items()
    {
        var ns = await api.NewNamespaceAsync("conv-list");
        await api.SendAsync(HttpMethod.Post, V2(ns), V2Body("a"));
        await api.SendAsync(HttpMethod.Post, V1(ns), V1Body("b", 40));

        foreach (var query in new[] { "", "?limit=1", "?resourceVersion=0" })
        {
            var (status, list, _) = await api.SendAsync(HttpMethod.Get, V1(ns) + query);

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("HorizontalPodAutoscalerList", Text(list, "kind"));
            Assert.Equal("autoscaling/v1", Text(list, "apiVersion"));
            var items = list!["items"]!.AsArray();
            Assert.NotEmpty(items);
            Assert.All(items, i => Assert.NotNull(i!["spec"]!["targetCPUUtilizationPercentage"]));
            Assert.All(items, i => Assert.Null(i!["spec"]!["metrics"]));
        }
    }

    [Fact]
    public async Task Watch_events_and_bookmarks_of_v1_are_v1()
    {
        var ns = await api.NewNamespaceAsync("conv-watch");
        await api.SendAsync(HttpMethod.Post, V2(ns), V2Body("a"));
        using var response = await api.Http.GetAsync(V1(ns) + "?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=30", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var added = await NextAsync(reader);
        var bookmark = await NextAsync(reader);
        await api.SendAsync(HttpMethod.Post, V2(ns), V2Body("b"));
        var later = await NextAsync(reader);

        Assert.Equal("ADDED", Text(added, "type"));
        Assert.Equal("autoscaling/v1", Text(added["object"], "apiVersion"));
        Assert.Contains("memory", Text(added["object"]!["metadata"]!["annotations"], "autoscaling.alpha.kubernetes.io/metrics"), StringComparison.Ordinal);
        Assert.Equal("BOOKMARK", Text(bookmark, "type"));
        Assert.Equal("autoscaling/v1", Text(bookmark["object"], "apiVersion"));
        Assert.Equal("HorizontalPodAutoscaler", Text(bookmark["object"], "kind"));
        Assert.Equal(("ADDED", "autoscaling/v1", 50), (Text(later, "type"), Text(later["object"], "apiVersion"), later["object"]!["spec"]!["targetCPUUtilizationPercentage"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_v1_table_has_the_autoscaler_columns_and_v1_objects_in_its_rows()
    {
        var ns = await api.NewNamespaceAsync("conv-table");
        await api.SendAsync(HttpMethod.Post, V2(ns), V2Body("a"));
        using var request = new HttpRequestMessage(HttpMethod.Get, V1(ns) + "?includeObject=Object");
        request.Headers.Add("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io");

        using var response = await api.Http.SendAsync(request);
        var table = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("Table", Text(table, "kind"));
        Assert.Equal(["Name", "Reference", "Targets", "MinPods", "MaxPods", "Replicas", "Age"], table["columnDefinitions"]!.AsArray().Select(c => Text(c, "name")));
        var row = Assert.Single(table["rows"]!.AsArray());
        Assert.Equal("Deployment/web", Text(row!["cells"]![1], null));
        Assert.Equal("autoscaling/v1", Text(row["object"], "apiVersion"));
        Assert.Equal(50, row["object"]!["spec"]!["targetCPUUtilizationPercentage"]!.GetValue<int>());
    }

    [Fact]
    public async Task Status_written_through_v1_lands_in_v2_status_and_a_v1_delete_answers_v1()
    {
        var ns = await api.NewNamespaceAsync("conv-status");
        await api.SendAsync(HttpMethod.Post, V1(ns), V1Body("web", 50));
        var (_, v1, _) = await api.SendAsync(HttpMethod.Get, V1(ns, "web"));
        v1!["status"] = JsonNode.Parse("""{"currentReplicas":2,"desiredReplicas":3,"currentCPUUtilizationPercentage":65}""");
        v1["spec"]!["maxReplicas"] = 9;

        var (status, written, _) = await api.SendAsync(HttpMethod.Put, V1(ns, "web") + "/status", v1.ToJsonString());
        var (_, v2, _) = await api.SendAsync(HttpMethod.Get, V2(ns, "web"));
        var (deleteStatus, deleted, _) = await api.SendAsync(HttpMethod.Delete, V1(ns, "web"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(65, written!["status"]!["currentCPUUtilizationPercentage"]!.GetValue<int>());
        Assert.Equal(3, v2!["status"]!["desiredReplicas"]!.GetValue<int>());
        Assert.Equal(65, v2["status"]!["currentMetrics"]![0]!["resource"]!["current"]!["averageUtilization"]!.GetValue<int>());
        Assert.Equal(3, v2["spec"]!["maxReplicas"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, deleteStatus);
        Assert.Equal("autoscaling/v1", Text(deleted, "apiVersion"));
    }

    [Fact]
    public async Task Deletecollection_through_v1_answers_a_v1_list_of_what_it_deleted()
    {
        var ns = await api.NewNamespaceAsync("conv-deletecollection");
        await api.SendAsync(HttpMethod.Post, V2(ns), V2Body("a"));

        var (status, list, _) = await api.SendAsync(HttpMethod.Delete, V1(ns));
        var (_, left, _) = await api.SendAsync(HttpMethod.Get, V2(ns));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("HorizontalPodAutoscalerList", "autoscaling/v1"), (Text(list, "kind"), Text(list, "apiVersion")));
        Assert.Equal(50, Assert.Single(list!["items"]!.AsArray())!["spec"]!["targetCPUUtilizationPercentage"]!.GetValue<int>());
        Assert.Empty(left!["items"]!.AsArray());
    }

    /// <summary>The metrics of <see cref="V2Body"/> after a trip through v1: the other metrics first, then the CPU target, as upstream's conversion orders them.</summary>
    private const string MetricsThroughV1 =
        """[{"type":"Resource","resource":{"name":"memory","target":{"type":"AverageValue","averageValue":"500Mi"}}},{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":50}}}]""";

    private const string MetricsV2 =
        """[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":50}}},{"type":"Resource","resource":{"name":"memory","target":{"type":"AverageValue","averageValue":"500Mi"}}}]""";

    private static string V1(string ns, string? name = null) => $"/apis/autoscaling/v1/namespaces/{ns}/horizontalpodautoscalers{(name is null ? "" : "/" + name)}";

    private static string V2(string ns, string? name = null) => $"/apis/autoscaling/v2/namespaces/{ns}/horizontalpodautoscalers{(name is null ? "" : "/" + name)}";

    private static string V1Body(string name, int cpu) =>
        $$$"""{"apiVersion":"autoscaling/v1","kind":"HorizontalPodAutoscaler","metadata":{"name":"{{{name}}}"},"spec":{"scaleTargetRef":{{{Target}}},"minReplicas":1,"maxReplicas":3,"targetCPUUtilizationPercentage":{{{cpu}}}}}""";

    private static string V2Body(string name) =>
        $$$"""{"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler","metadata":{"name":"{{{name}}}"},"spec":{"scaleTargetRef":{{{Target}}},"minReplicas":1,"maxReplicas":3,"metrics":{{{MetricsV2}}}}}""";

    private static string Text(JsonNode? node, string? field) => (field is null ? node : node?[field])?.GetValue<string>() ?? "";

    private static async Task<JsonObject> NextAsync(StreamReader reader) =>
        JsonNode.Parse(await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)) ?? throw new InvalidOperationException("the watch ended"))!.AsObject();
}
