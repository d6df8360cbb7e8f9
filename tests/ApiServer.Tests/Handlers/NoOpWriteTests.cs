using System.Net;
using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tests.Handlers;

/// <summary>A write that changes nothing is not stored: the resourceVersion and the store's revision stay put, as upstream's GuaranteedUpdate.</summary>
public sealed class NoOpWriteTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    [Fact]
    public async Task Putting_back_the_object_as_read_writes_nothing()
    {
        var (_, created, _) = await api.SendAsync(HttpMethod.Post, ConfigMaps, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"noop-put"},"data":{"a":"1"}}""");
        var before = await api.Store.GetCurrentRevisionAsync();

        var (status, updated, _) = await api.SendAsync(HttpMethod.Put, ConfigMaps + "/noop-put", created!.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(created["metadata"]!["resourceVersion"]!.GetValue<string>(), updated!["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal(before, await api.Store.GetCurrentRevisionAsync());
    }

    [Fact]
    public async Task A_patch_that_sets_what_is_there_writes_nothing_and_one_that_changes_something_writes()
    {
        var (_, created, _) = await api.SendAsync(HttpMethod.Post, ConfigMaps, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"noop-patch","labels":{"l":"v"}},"data":{"a":"1"}}""");
        var rv = created!["metadata"]!["resourceVersion"]!.GetValue<string>();
        var before = await api.Store.GetCurrentRevisionAsync();

        var (same, unchanged, _) = await api.SendAsync(HttpMethod.Patch, ConfigMaps + "/noop-patch", """{"metadata":{"labels":{"l":"v"}},"data":{"a":"1"}}""", "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, same);
        Assert.Equal(rv, unchanged!["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal(before, await api.Store.GetCurrentRevisionAsync());

        var (changed, patched, _) = await api.SendAsync(HttpMethod.Patch, ConfigMaps + "/noop-patch", """{"data":{"a":"2"}}""", "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, changed);
        Assert.NotEqual(rv, patched!["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal(before + 1, await api.Store.GetCurrentRevisionAsync());
    }

    [Fact]
    public async Task Scaling_again_to_the_same_replicas_writes_nothing()
    {
        const string Deployments = "/apis/apps/v1/namespaces/default/deployments";
        var deployment = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = "noop-scale" },
            ["spec"] = JsonNode.Parse("""{"replicas":2,"selector":{"matchLabels":{"app":"x"}},"template":{"metadata":{"labels":{"app":"x"}},"spec":{"containers":[{"name":"c","image":"i"}]}}}"""),
        };
        var (createdStatus, _, _) = await api.SendAsync(HttpMethod.Post, Deployments, deployment.ToJsonString());
        Assert.Equal(HttpStatusCode.Created, createdStatus);
        var (_, first, _) = await api.SendAsync(HttpMethod.Patch, Deployments + "/noop-scale/scale", """{"spec":{"replicas":3}}""", "application/merge-patch+json");
        var before = await api.Store.GetCurrentRevisionAsync();

        var (status, again, _) = await api.SendAsync(HttpMethod.Patch, Deployments + "/noop-scale/scale", """{"spec":{"replicas":3}}""", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, again!["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(first!["metadata"]!["resourceVersion"]!.GetValue<string>(), again["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal(before, await api.Store.GetCurrentRevisionAsync());
    }
}
