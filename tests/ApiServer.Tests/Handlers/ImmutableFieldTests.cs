using System.Net;

namespace Orchestrator.ApiServer.Tests.Handlers;

/// <summary>Fields upstream refuses to change after creation answer 422 and leave the object as it was.</summary>
public sealed class ImmutableFieldTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task A_workload_selector_cannot_change()
    {
        await api.SendAsync(HttpMethod.Post, "/apis/apps/v1/namespaces/default/deployments", """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"sel"},"spec":{"selector":{"matchLabels":{"app":"a"}},
             "template":{"metadata":{"labels":{"app":"a","b":"c"}},"spec":{"containers":[{"name":"c","image":"i"}]}}}}
            """);

        var (status, body, _) = await api.SendAsync(HttpMethod.Patch, "/apis/apps/v1/namespaces/default/deployments/sel",
            """{"spec":{"selector":{"matchLabels":{"b":"c"}}}}""", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("spec.selector: Invalid value:", body!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("field is immutable", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pod_may_change_images_but_not_the_rest_of_its_spec_and_binding_still_works()
    {
        await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods", """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"imm"},"spec":{"containers":[{"name":"c","image":"busybox:1"}]}}
            """);

        var (image, _, _) = await api.SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default/pods/imm",
            """{"spec":{"containers":[{"name":"c","image":"busybox:2"}]}}""", "application/strategic-merge-patch+json");
        var (command, forbidden, _) = await api.SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default/pods/imm",
            """{"spec":{"containers":[{"name":"c","command":["sh"]}]}}""", "application/strategic-merge-patch+json");
        var (bound, _, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods/imm/binding",
            """{"apiVersion":"v1","kind":"Binding","metadata":{"name":"imm"},"target":{"kind":"Node","name":"n1"}}""");

        Assert.Equal(HttpStatusCode.OK, image);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, command);
        Assert.Contains("spec: Forbidden: pod updates may not change fields other than", forbidden!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, bound);
    }

    [Fact]
    public async Task An_immutable_configmap_keeps_its_data()
    {
        await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", """
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"frozen"},"immutable":true,"data":{"a":"1"}}
            """);

        var (status, body, _) = await api.SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default/configmaps/frozen",
            """{"data":{"a":"2"}}""", "application/merge-patch+json");
        var (_, after, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/configmaps/frozen");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("data: Forbidden: field is immutable when `immutable` is set", body!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("1", after!["data"]!["a"]!.GetValue<string>());
    }
}
