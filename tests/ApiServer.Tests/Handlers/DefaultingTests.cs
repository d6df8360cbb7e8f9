using System.Net;
using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tests.Handlers;

/// <summary>Defaulting and validation through the API: what a client reads back, and the 422s it gets.</summary>
public sealed class DefaultingTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    private const string Deployment = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"defaulted"},
         "spec":{"selector":{"matchLabels":{"app":"d"}},
                 "template":{"metadata":{"labels":{"app":"d"}},"spec":{"containers":[{"name":"web","image":"nginx"}]}}}}
        """;

    [Fact]
    public async Task A_created_deployment_reads_back_defaulted_and_a_put_without_defaults_keeps_them()
    {
        var (created, deployment, _) = await api.SendAsync(HttpMethod.Post, "/apis/apps/v1/namespaces/default/deployments", Deployment);
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(1, deployment!["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal("25%", deployment["spec"]!["strategy"]!["rollingUpdate"]!["maxSurge"]!.GetValue<string>());
        Assert.Equal("Always", deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["imagePullPolicy"]!.GetValue<string>());

        var put = JsonNode.Parse(Deployment)!.AsObject();
        put["metadata"]!["resourceVersion"] = deployment["metadata"]!["resourceVersion"]!.GetValue<string>();
        var (updated, after, _) = await api.SendAsync(HttpMethod.Put, "/apis/apps/v1/namespaces/default/deployments/defaulted", put.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, updated);
        Assert.Equal(10, after!["spec"]!["revisionHistoryLimit"]!.GetValue<int>());
        Assert.Equal(1, after["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_job_gets_a_selector_on_its_uid()
    {
        var (created, job, _) = await api.SendAsync(HttpMethod.Post, "/apis/batch/v1/namespaces/default/jobs", """
            {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"pi"},"spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"pi","image":"perl:5"}]}}}}
            """);

        Assert.Equal(HttpStatusCode.Created, created);
        var uid = job!["metadata"]!["uid"]!.GetValue<string>();
        Assert.Equal(uid, job["spec"]!["selector"]!["matchLabels"]!["batch.kubernetes.io/controller-uid"]!.GetValue<string>());
        Assert.Equal("pi", job["spec"]!["template"]!["metadata"]!["labels"]!["job-name"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_invalid_object_is_a_422_with_every_cause_and_is_not_stored()
    {
        var (status, body, _) = await api.SendAsync(HttpMethod.Post, "/apis/apps/v1/namespaces/default/deployments", """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"broken"},"spec":{"template":{"spec":{"containers":[{"name":"web"}]}}}}
            """);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("Invalid", body!["reason"]!.GetValue<string>());
        Assert.Equal(
            ["spec.selector", "spec.template.spec.containers[0].image"],
            body["details"]!["causes"]!.AsArray().Select(c => c!["field"]!.GetValue<string>()));
        var (get, _, _) = await api.SendAsync(HttpMethod.Get, "/apis/apps/v1/namespaces/default/deployments/broken");
        Assert.Equal(HttpStatusCode.NotFound, get);
    }
}
