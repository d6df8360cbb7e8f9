using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Aggregation;
using Orchestrator.ApiServer.Aggregation.Discovery;

namespace Orchestrator.ApiServer.Tests.Aggregation.Discovery;

/// <summary>A backend's legacy APIResourceList as aggregated discovery, and the group documents of APIService-served groups.</summary>
public sealed class ResourceListConversionTests
{
    [Fact]
    public void Resources_become_aggregated_entries_with_their_subresources_folded_in()
    {
        var list = JsonNode.Parse("""
            {"kind":"APIResourceList","groupVersion":"metrics.k8s.io/v1beta1","resources":[
              {"name":"pods","singularName":"pod","namespaced":true,"kind":"PodMetrics","verbs":["get","list"],"shortNames":["pm"]},
              {"name":"nodes","singularName":"","namespaced":false,"kind":"NodeMetrics","verbs":["get","list"],"categories":["metrics"]},
              {"name":"pods/status","singularName":"","namespaced":true,"kind":"PodMetrics","verbs":["get"]},
              {"name":"orphans/status","namespaced":true,"kind":"X","verbs":["get"]}
            ]}
            """)!.AsObject();

        var resources = ResourceListConversion.Resources(list, "metrics.k8s.io", "v1beta1");

        Assert.Equal(
            """[{"resource":"pods","responseKind":{"group":"metrics.k8s.io","version":"v1beta1","kind":"PodMetrics"},"scope":"Namespaced","singularResource":"pod","verbs":["get","list"],"shortNames":["pm"],"subresources":[{"subresource":"status","responseKind":{"group":"metrics.k8s.io","version":"v1beta1","kind":"PodMetrics"},"verbs":["get"]}]},"""
            + """{"resource":"nodes","responseKind":{"group":"metrics.k8s.io","version":"v1beta1","kind":"NodeMetrics"},"scope":"Cluster","singularResource":"","verbs":["get","list"],"categories":["metrics"]}]""",
            resources.ToJsonString());
    }

    [Fact]
    public void A_group_lists_its_versions_in_priority_order_and_marks_what_is_not_current_stale()
    {
        var versions = ApiServiceOrder.ByGroupAndVersion([Entry("v1beta1", 100, available: true), Entry("v1", 200, available: false)]).Single();
        var fetched = new JsonArray(new JsonObject { ["resource"] = "flunders" });

        var legacy = AggregatedGroupDocuments.ApiGroup(versions);
        var aggregated = AggregatedGroupDocuments.AggregatedGroup(versions, v => v.Version == "v1beta1" ? (fetched, true) : null);

        Assert.Equal(
            """{"kind":"APIGroup","apiVersion":"v1","name":"wardle.example.com","versions":[{"groupVersion":"wardle.example.com/v1","version":"v1"},{"groupVersion":"wardle.example.com/v1beta1","version":"v1beta1"}],"preferredVersion":{"groupVersion":"wardle.example.com/v1","version":"v1"}}""",
            legacy.ToJsonString());
        Assert.Equal(
            """{"metadata":{"name":"wardle.example.com","creationTimestamp":null},"versions":[{"version":"v1","resources":[],"freshness":"Stale"},{"version":"v1beta1","resources":[{"resource":"flunders"}],"freshness":"Current"}]}""",
            aggregated.ToJsonString());
    }

    private static ApiServiceEntry Entry(string version, long versionPriority, bool available) =>
        new(version + ".wardle.example.com", "wardle.example.com", version, 1000, versionPriority, new Orchestrator.ApiServer.ServiceRouting.ServiceReference("wardle", "api", 443), "", true, available, "1");
}
