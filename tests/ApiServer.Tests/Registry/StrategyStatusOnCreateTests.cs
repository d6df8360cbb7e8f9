using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Tests.Defaulting;

namespace Orchestrator.ApiServer.Tests.Registry;

/// <summary>The status each kind starts with, whatever a client sends on create.</summary>
public sealed class StrategyStatusOnCreateTests
{
    private const string Sent = """{"phase":"Running","replicas":3}""";

    [Theory]
    [InlineData("", "namespaces", """{"phase":"Active"}""")]
    [InlineData("", "pods", """{"phase":"Pending"}""")]
    [InlineData("", "persistentvolumes", """{"phase":"Pending"}""")]
    [InlineData("", "persistentvolumeclaims", """{"phase":"Pending"}""")]
    [InlineData("", "services", """{"loadBalancer":{}}""")]
    [InlineData("", "nodes", Sent)]
    [InlineData("", "resourcequotas", null)]
    [InlineData("apps", "deployments", null)]
    [InlineData("batch", "jobs", null)]
    [InlineData("policy", "poddisruptionbudgets", null)]
    [InlineData("", "configmaps", Sent)]
    public void A_new_object_starts_with_its_kinds_status(string group, string plural, string? expected)
    {
        var resource = Served.Resource(group, plural);
        var obj = JsonNode.Parse($$"""{"status":{{Sent}}}""")!.AsObject();

        resource.Strategy.ResetStatusOnCreate(obj, resource.Subresources.Any(s => s.Name == "status"));

        Assert.Equal(expected, obj["status"]?.ToJsonString());
    }
}
