using Orchestrator.ApiServer.CustomResources.Schema;
using Xunit;
using static Orchestrator.ApiServer.Tests.CustomResources.Schema.SchemaTestData;

namespace Orchestrator.ApiServer.Tests.CustomResources.Schema;

/// <summary>Defaulting as upstream's structural defaulting (PruneNonNullableNullsWithoutDefaults, then Default).</summary>
public sealed class SchemaDefaultingTests
{
    private const string Properties = """
        "replicas":{"type":"integer","default":1},
        "mode":{"type":"string","default":"auto"},
        "maybe":{"type":"string","nullable":true,"default":"d"},
        "plain":{"type":"string"},
        "nested":{"type":"object","default":{},"properties":{"level":{"type":"integer","default":3}}},
        "ports":{"type":"array","items":{"type":"object","properties":{"protocol":{"type":"string","default":"TCP"},"port":{"type":"integer"}}}},
        "labels":{"type":"object","additionalProperties":{"type":"string","default":"x"}},
        "none":{"type":"string","default":null}
        """;

    public static TheoryData<string, string> Cases => new()
    {
        { """{}""", """{"replicas":1,"mode":"auto","maybe":"d","nested":{"level":3}}""" },
        { """{"replicas":5,"mode":"manual"}""", """{"replicas":5,"mode":"manual","maybe":"d","nested":{"level":3}}""" },
        { """{"replicas":null,"maybe":null,"plain":null}""", """{"replicas":1,"maybe":null,"mode":"auto","nested":{"level":3}}""" },
        { """{"ports":[{"port":80},{"port":81,"protocol":"UDP"}]}""", """{"ports":[{"port":80,"protocol":"TCP"},{"port":81,"protocol":"UDP"}],"replicas":1,"mode":"auto","maybe":"d","nested":{"level":3}}""" },
        { """{"labels":{"a":null,"b":"y"}}""", """{"labels":{"a":"x","b":"y"},"replicas":1,"mode":"auto","maybe":"d","nested":{"level":3}}""" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Defaults_fill_missing_and_non_nullable_null_fields(string spec, string expected)
    {
        var obj = Json($$"""{"spec":{{spec}}}""");

        SchemaDefaulting.Apply(obj, Spec(Properties));

        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(Json(expected), obj["spec"]), obj["spec"]!.ToJsonString());
    }

    [Fact]
    public void Each_default_is_a_fresh_copy()
    {
        var schema = Spec(""" "tags":{"type":"array","items":{"type":"string"},"default":["a"]} """);
        var first = Json("""{"spec":{}}""");
        var second = Json("""{"spec":{}}""");

        SchemaDefaulting.Apply(first, schema);
        SchemaDefaulting.Apply(second, schema);
        first["spec"]!["tags"]!.AsArray().Add("b");

        Assert.Equal("""["a"]""", second["spec"]!["tags"]!.ToJsonString());
        Assert.Equal("""["a"]""", schema.Properties["spec"].Properties["tags"].Default!.ToJsonString());
    }
}
