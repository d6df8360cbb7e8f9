using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Streaming;

namespace Orchestrator.ApiServer.Tests.Streaming;

public sealed class PodStreamTargetTests
{
    [Theory]
    [InlineData("""{"containers":[{"name":"app"}]}""", null, "app")]
    [InlineData("""{"containers":[{"name":"app"},{"name":"side"}]}""", "side", "side")]
    [InlineData("""{"initContainers":[{"name":"init"}],"containers":[{"name":"app"}]}""", "init", "init")]
    [InlineData("""{"containers":[{"name":"app"}],"ephemeralContainers":[{"name":"debug"}]}""", "debug", "debug")]
    public void The_container_is_the_named_one_or_the_only_one(string spec, string? requested, string expected) =>
        Assert.Equal(expected, PodStreamTarget.Container(Pod(spec), requested));

    [Theory]
    [InlineData("""{"initContainers":[{"name":"init"}],"containers":[{"name":"a"},{"name":"b"}]}""", null, "a container name must be specified for pod web, choose one of: [init a b]")]
    [InlineData("""{"containers":[]}""", null, "a container name must be specified for pod web")]
    [InlineData("""{"containers":[{"name":"app"}]}""", "nope", "container nope is not valid for pod web")]
    public void Otherwise_the_request_is_a_bad_request_with_upstreams_words(string spec, string? requested, string message)
    {
        var error = Assert.Throws<ApiException>(() => PodStreamTarget.Container(Pod(spec), requested));

        Assert.Equal((400, "BadRequest", message), (error.Code, error.Reason, error.Message));
    }

    [Fact]
    public void An_unbound_pod_has_no_host()
    {
        var pod = Pod("""{"containers":[{"name":"app"}]}""");

        Assert.Null(PodStreamTarget.NodeName(pod));
        var error = Assert.Throws<ApiException>(() => PodStreamTarget.RequireNodeName(pod));
        Assert.Equal((400, "pod web does not have a host assigned"), (error.Code, error.Message));
    }

    [Theory]
    [InlineData("""[{"type":"Hostname","address":"node1"},{"type":"InternalIP","address":"10.0.0.5"}]""", 10255, "10.0.0.5", 10255)]
    [InlineData("""[{"type":"ExternalIP","address":"1.2.3.4"},{"type":"Hostname","address":"node1"}]""", 0, "node1", 10250)]
    [InlineData("""[{"type":"ExternalIP","address":"1.2.3.4"}]""", null, "1.2.3.4", 10250)]
    [InlineData("""[{"type":"InternalIP","address":"fd00::5"}]""", 1, "fd00::5", 1)]
    public void The_kubelet_is_at_the_preferred_address_and_the_published_port(string addresses, int? port, string host, int expectedPort)
    {
        var status = new JsonObject { ["addresses"] = JsonNode.Parse(addresses) };
        if (port is not null)
        {
            status["daemonEndpoints"] = new JsonObject { ["kubeletEndpoint"] = new JsonObject { ["Port"] = port } };
        }

        var kubelet = PodStreamTarget.Kubelet(new JsonObject { ["status"] = status });

        Assert.Equal(new KubeletEndpoint(host, expectedPort), kubelet);
    }

    [Fact]
    public void Ipv6_hosts_are_bracketed_in_the_authority() =>
        Assert.Equal("[fd00::5]:10250", new KubeletEndpoint("fd00::5", 10250).Authority);

    [Fact]
    public void A_node_without_addresses_cannot_be_reached()
    {
        var error = Assert.Throws<ApiException>(() => PodStreamTarget.Kubelet(new JsonObject { ["status"] = new JsonObject() }));

        Assert.Equal((500, "InternalError"), (error.Code, error.Reason));
    }

    private static JsonObject Pod(string spec) => new() { ["metadata"] = new JsonObject { ["name"] = "web" }, ["spec"] = JsonNode.Parse(spec) };
}
