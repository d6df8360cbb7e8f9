using System.Text.Json.Nodes;
using Orchestrator.ApiServer.CustomResources.Schema;
using Xunit;
using static Orchestrator.ApiServer.Tests.CustomResources.Schema.SchemaTestData;

namespace Orchestrator.ApiServer.Tests.CustomResources.Schema;

/// <summary>The published schema: v3 as written (ToKubeOpenAPI), v2 as upstream's ToStructuralOpenAPIV2 reduces it.</summary>
public sealed class OpenApiConversionTests
{
    private const string Source = """
        {"type":"object","description":"A widget.","required":["spec"],"properties":{
          "spec":{"type":"object","required":["size","note"],"properties":{
            "size":{"type":"integer","format":"int32","minimum":1,"default":1,"description":"How big."},
            "note":{"type":"string","nullable":true},
            "port":{"x-kubernetes-int-or-string":true,"anyOf":[{"type":"integer"},{"type":"string"}]},
            "extra":{"type":"object","x-kubernetes-preserve-unknown-fields":true,"properties":{"a":{"type":"string"}}},
            "tags":{"type":"array","x-kubernetes-list-type":"set","items":{"type":"string"}}
          },"x-kubernetes-validations":[{"rule":"self.size < 10","message":"small"}]}}}
        """;

    [Fact]
    public void V3_keeps_everything_the_crd_wrote()
    {
        var v3 = OpenApiConversion.ToV3(SchemaOf(Source));

        var expected = Json("""
            {"description":"A widget.","type":"object","required":["spec"],"properties":{
              "spec":{"type":"object","required":["size","note"],"properties":{
                "extra":{"type":"object","properties":{"a":{"type":"string"}},"x-kubernetes-preserve-unknown-fields":true},
                "note":{"type":"string","nullable":true},
                "port":{"anyOf":[{"type":"integer"},{"type":"string"}],"x-kubernetes-int-or-string":true},
                "size":{"description":"How big.","type":"integer","format":"int32","default":1,"minimum":1},
                "tags":{"type":"array","items":{"type":"string"},"x-kubernetes-list-type":"set"}
              },"x-kubernetes-validations":[{"rule":"self.size < 10","message":"small"}]}}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, v3), v3.ToJsonString());
    }

    [Fact]
    public void V2_drops_junctors_typed_nulls_and_preserved_structure()
    {
        var v2 = OpenApiConversion.ToV2(SchemaOf(Source));

        var spec = v2["properties"]!["spec"]!;
        Assert.Equal("""["size"]""", spec["required"]!.ToJsonString());
        Assert.Equal("""{}""", spec["properties"]!["note"]!.ToJsonString());
        Assert.Equal("""{"x-kubernetes-int-or-string":true}""", spec["properties"]!["port"]!.ToJsonString());
        Assert.Equal("""{"type":"object","x-kubernetes-preserve-unknown-fields":true}""", spec["properties"]!["extra"]!.ToJsonString());
    }

    [Fact]
    public void Conversion_returns_fresh_nodes()
    {
        var schema = SchemaOf(Source);

        var first = OpenApiConversion.ToV3(schema);
        first["properties"]!["spec"]!["properties"]!["size"]!["default"] = 99;

        Assert.Equal("1", OpenApiConversion.ToV3(schema)["properties"]!["spec"]!["properties"]!["size"]!["default"]!.ToJsonString());
    }
}
