using System.Net;
using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tests.Streaming;

/// <summary>What the connect subresources answer before any kubelet is involved: Status errors as upstream's, and discovery.</summary>
public sealed class StreamingErrorTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task A_missing_pod_is_404()
    {
        var (status, body, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/pods/missing/log");

        AssertStatus(HttpStatusCode.NotFound, "NotFound", "pods \"missing\" not found", status, body);
    }

    [Fact]
    public async Task Exec_on_an_unscheduled_pod_is_a_bad_request_and_its_log_is_empty()
    {
        await CreatePodAsync("unbound", node: null, "app");

        var (status, body, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods/unbound/exec?command=ls&stdout=true");
        AssertStatus(HttpStatusCode.BadRequest, "BadRequest", "pod unbound does not have a host assigned", status, body);

        var (logStatus, _, response) = await api.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/pods/unbound/log");
        Assert.Equal(HttpStatusCode.OK, logStatus);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("two", "a,b", "POST", "exec?command=ls&stdout=true&container=nope", 400, "BadRequest", "container nope is not valid for pod two")]
    [InlineData("two-log", "a,b", "GET", "log", 400, "BadRequest", "a container name must be specified for pod two-log, choose one of: [a b]")]
    [InlineData("nocmd", "app", "POST", "exec?stdout=true", 400, "BadRequest", "you must specify at least one command for the container")]
    [InlineData("nostreams", "app", "POST", "attach", 400, "BadRequest", "you must specify at least 1 of stdin, stdout, stderr")]
    [InlineData("badports", "app", "POST", "portforward?ports=http", 400, "BadRequest", "ports: strconv.ParseInt: parsing \"http\": invalid syntax")]
    [InlineData("orphan", "app", "POST", "portforward", 404, "NotFound", "nodes \"ghost-node\" not found")]
    public async Task Bad_requests_are_answered_with_upstreams_status(string pod, string containers, string method, string subresource, int code, string reason, string message)
    {
        await CreatePodAsync(pod, node: pod == "orphan" ? "ghost-node" : "somewhere", containers.Split(','));

        var (status, body, _) = await api.SendAsync(new HttpMethod(method), $"/api/v1/namespaces/default/pods/{pod}/{subresource}");

        AssertStatus((HttpStatusCode)code, reason, message, status, body);
    }

    [Fact]
    public async Task Exec_that_is_no_upgrade_is_a_bad_request_and_log_options_are_validated()
    {
        var node = """{"apiVersion":"v1","kind":"Node","metadata":{"name":"plain"},"status":{"addresses":[{"type":"InternalIP","address":"127.0.0.1"}]}}""";
        Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(HttpMethod.Post, "/api/v1/nodes", node)).Status);
        await CreatePodAsync("plainpod", node: "plain", "app");

        var (status, body, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods/plainpod/exec?command=ls&stdout=true");
        AssertStatus(HttpStatusCode.BadRequest, "BadRequest", "Upgrade request required", status, body);

        var (invalid, invalidBody, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/pods/plainpod/log?tailLines=-1");
        AssertStatus((HttpStatusCode)422, "Invalid", "PodLogOptions \"plainpod\" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0", invalid, invalidBody);
    }

    [Fact]
    public async Task Discovery_lists_the_connect_subresources_as_upstream()
    {
        var (_, list, _) = await api.SendAsync(HttpMethod.Get, "/api/v1");
        var resources = list!["resources"]!.AsArray().OfType<JsonObject>().ToDictionary(r => r["name"]!.GetValue<string>());

        Assert.Equal(("PodExecOptions", "create,get"), KindAndVerbs(resources["pods/exec"]));
        Assert.Equal(("PodAttachOptions", "create,get"), KindAndVerbs(resources["pods/attach"]));
        Assert.Equal(("PodPortForwardOptions", "create,get"), KindAndVerbs(resources["pods/portforward"]));
        Assert.Equal(("Pod", "get"), KindAndVerbs(resources["pods/log"]));
    }

    private static (string, string) KindAndVerbs(JsonObject resource) =>
        (resource["kind"]!.GetValue<string>(), string.Join(',', resource["verbs"]!.AsArray().Select(v => v!.GetValue<string>())));

    private async Task CreatePodAsync(string name, string? node, params string[] containers)
    {
        var spec = new JsonObject { ["containers"] = new JsonArray([.. containers.Select(c => (JsonNode)new JsonObject { ["name"] = c, ["image"] = "busybox" })]) };
        if (node is not null)
        {
            spec["nodeName"] = node;
        }

        var pod = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = spec };
        var (status, _, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods", pod.ToJsonString());
        Assert.Equal(HttpStatusCode.Created, status);
    }

    private static void AssertStatus(HttpStatusCode expected, string reason, string message, HttpStatusCode status, JsonObject? body)
    {
        Assert.Equal(expected, status);
        Assert.Equal("Status", body!["kind"]!.GetValue<string>());
        Assert.Equal("Failure", body["status"]!.GetValue<string>());
        Assert.Equal(reason, body["reason"]!.GetValue<string>());
        Assert.Equal(message, body["message"]!.GetValue<string>());
        Assert.Equal((int)expected, body["code"]!.GetValue<int>());
    }
}
