using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Registry.Core.Services;

namespace Orchestrator.ApiServer.Tests.Registry.Core.Services;

/// <summary>The service strategy's update rule: a cluster IP left out is kept, a changed one is refused.</summary>
public sealed class ServiceStrategyTests
{
    private const string Current = """{"metadata":{"name":"web"},"spec":{"clusterIP":"10.96.0.10","clusterIPs":["10.96.0.10"]}}""";

    [Theory]
    [InlineData("""{"spec":{}}""")]
    [InlineData("""{"spec":{"clusterIP":""}}""")]
    [InlineData("""{"spec":{"clusterIP":"10.96.0.10"}}""")]
    public void An_update_keeps_the_cluster_ip(string updated)
    {
        var body = JsonNode.Parse(updated)!.AsObject();
        new ServiceStrategy().PrepareForUpdate(JsonNode.Parse(Current)!.AsObject(), body);

        Assert.Equal("10.96.0.10", body["spec"]?["clusterIP"]?.GetValue<string>());
    }

    [Fact]
    public void A_changed_cluster_ip_is_invalid()
    {
        var body = JsonNode.Parse("""{"spec":{"clusterIP":"10.96.0.11"}}""")!.AsObject();

        var error = Assert.Throws<ApiException>(() => new ServiceStrategy().PrepareForUpdate(JsonNode.Parse(Current)!.AsObject(), body));

        Assert.Equal(422, error.Code);
        Assert.Equal("Service \"web\" is invalid: spec.clusterIPs[0]: Invalid value: \"10.96.0.11\": field is immutable", error.Message);
    }
}
