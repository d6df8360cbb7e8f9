using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Registry;
using Orchestrator.ApiServer.Registry.VersionConversion;

namespace Orchestrator.ApiServer.Tests.Registry.VersionConversion;

/// <summary>The <c>None</c> conversion and the hook's pass-through for resources served in their storage version.</summary>
public sealed class ApiVersionConverterTests
{
    private static readonly ResourceDefinition Stored = ResourceRegistry.BuiltIn.Find("", "v1", "configmaps")!;
    private static readonly ResourceDefinition Served = Stored with
    {
        Version = "v1beta1",
        StoredAs = new StoredAs(Stored, ApiVersionConverter.Instance),
    };

    [Fact]
    public void None_conversion_changes_only_the_api_version_puts_type_meta_first_and_leaves_its_input_alone()
    {
        var stored = JsonNode.Parse("""{"metadata":{"name":"a","resourceVersion":"7"},"data":{"k":"v"},"apiVersion":"v1","kind":"ConfigMap"}""")!.AsObject();

        var served = ObjectVersions.ToServed(Served, stored);
        var back = ObjectVersions.ToStorage(Served, served);

        Assert.Equal("""{"kind":"ConfigMap","apiVersion":"v1beta1","metadata":{"name":"a","resourceVersion":"7"},"data":{"k":"v"}}""", served.ToJsonString());
        Assert.Equal("""{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"a","resourceVersion":"7"},"data":{"k":"v"}}""", back.ToJsonString());
        Assert.Equal("v1", stored["apiVersion"]!.GetValue<string>());
    }

    [Fact]
    public void A_served_version_shares_the_storage_definition_and_a_status_answer_passes_through()
    {
        var status = new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1" };

        Assert.Same(Stored, Served.Storage);
        Assert.Same(Stored, Stored.Storage);
        Assert.Same(status, ObjectVersions.ToServed(Served, status));
    }

    [Fact]
    public void A_resource_stored_as_served_is_never_converted()
    {
        var obj = new JsonObject { ["kind"] = "ConfigMap", ["apiVersion"] = "v1" };

        Assert.Same(obj, ObjectVersions.ToServed(Stored, obj));
        Assert.Same(obj, ObjectVersions.ToStorage(Stored, obj));
    }

    [Fact]
    public void Autoscaling_v1_is_served_from_the_autoscaling_v2_definition()
    {
        var v1 = ResourceRegistry.BuiltIn.Find("autoscaling", "v1", "horizontalpodautoscalers")!;
        var v2 = ResourceRegistry.BuiltIn.Find("autoscaling", "v2", "horizontalpodautoscalers")!;

        Assert.Same(v2, v1.Storage);
        Assert.Null(v2.StoredAs);
        Assert.Same(v2.Strategy, v1.Strategy);
    }
}
