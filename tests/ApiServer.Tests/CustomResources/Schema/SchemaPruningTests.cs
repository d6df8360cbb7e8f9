using System.Text.Json.Nodes;
using Orchestrator.ApiServer.CustomResources.Schema;
using Xunit;
using static Orchestrator.ApiServer.Tests.CustomResources.Schema.SchemaTestData;

namespace Orchestrator.ApiServer.Tests.CustomResources.Schema;

/// <summary>Pruning as upstream's pruning.PruneWithOptions (TrackUnknownFieldPaths) does it.</summary>
public sealed class SchemaPruningTests
{
    private const string Root = """
        {"type":"object","properties":{
          "spec":{"type":"object","properties":{
            "name":{"type":"string"},
            "items":{"type":"array","items":{"type":"object","properties":{"a":{"type":"string"}}}},
            "free":{"type":"object","x-kubernetes-preserve-unknown-fields":true,"properties":{"typed":{"type":"object","properties":{"x":{"type":"string"}}}}},
            "labels":{"type":"object","additionalProperties":{"type":"string"}},
            "template":{"type":"object","x-kubernetes-embedded-resource":true,"properties":{"spec":{"type":"object"}}}
          }}}}
        """;

    public static TheoryData<string, string, string[]> Cases => new()
    {
        { """{"apiVersion":"a/v1","kind":"K","metadata":{"name":"n"},"spec":{"name":"x"}}""", """{"apiVersion":"a/v1","kind":"K","metadata":{"name":"n"},"spec":{"name":"x"}}""", [] },
        { """{"spec":{"name":"x","foo":1},"bar":{}}""", """{"spec":{"name":"x"}}""", ["bar", "spec.foo"] },
        { """{"spec":{"items":[{"a":"1","b":2},{"c":3}]}}""", """{"spec":{"items":[{"a":"1"},{}]}}""", ["spec.items[0].b", "spec.items[1].c"] },
        { """{"spec":{"free":{"any":{"deep":1},"typed":{"x":"1","y":2}}}}""", """{"spec":{"free":{"any":{"deep":1},"typed":{"x":"1"}}}}""", ["spec.free.typed.y"] },
        { """{"spec":{"labels":{"a":"1"}}}""", """{"spec":{"labels":{"a":"1"}}}""", [] },
        { """{"spec":{"template":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","bogus":1},"spec":{},"other":1}}}""", """{"spec":{"template":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{}}}}""", ["spec.template.metadata.bogus", "spec.template.other"] },
        { """{"metadata":{"name":"n","unknown":"x"}}""", """{"metadata":{"name":"n"}}""", ["metadata.unknown"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Unknown_fields_are_removed_and_reported_by_path(string input, string expected, string[] paths)
    {
        var obj = Json(input);

        var pruned = SchemaPruning.Prune(obj, SchemaOf(Root));

        Assert.Equal(paths, pruned);
        Assert.Equal(Json(expected).ToJsonString(), obj.ToJsonString());
    }

    [Fact]
    public void A_value_deeper_than_any_schema_is_pruned_without_recursion()
    {
        var deep = new JsonArray();
        var innermost = deep;
        for (var i = 0; i < 5000; i++)
        {
            var next = new JsonArray();
            innermost.Add(next);
            innermost = next;
        }

        innermost.Add(new JsonObject { ["x"] = 1 });
        var obj = Json("""{"spec":{"name":"x"}}""");
        obj["junk"] = new JsonObject { ["list"] = deep };

        var pruned = SchemaPruning.Prune(obj, SchemaOf(Root));

        Assert.Equal(["junk"], pruned);
    }
}
