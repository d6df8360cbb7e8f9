using System.Text.Json.Nodes;
using Orchestrator.ApiServer.CustomResources.Printing;

namespace Orchestrator.ApiServer.Tests.CustomResources.Printing;

public sealed class JsonPathExpressionTests
{
    private static readonly JsonObject Object = JsonNode.Parse("""
        {"spec":{"replicas":3,"image":"nginx","tags":["a","b"],"dotted.key":"x"},
         "status":{"conditions":[{"type":"Ready","status":"True"},{"type":"Synced","status":"False"}]}}
        """)!.AsObject();

    [Theory]
    [InlineData(".spec.replicas", "3")]
    [InlineData("{.spec.image}", "\"nginx\"")]
    [InlineData(".spec.tags[1]", "\"b\"")]
    [InlineData(".spec.tags[-1]", "\"b\"")]
    [InlineData(".spec.tags[*]", "\"a\",\"b\"")]
    [InlineData(".spec['dotted.key']", "\"x\"")]
    [InlineData(".status.conditions[?(@.type==\"Ready\")].status", "\"True\"")]
    [InlineData(".status.conditions[?(@.type=='Synced')].status", "\"False\"")]
    [InlineData(".status.conditions[?(@.type!=\"Ready\")].type", "\"Synced\"")]
    [InlineData(".spec.missing", "")]
    [InlineData(".spec.replicas.deeper", "")]
    public void Selects_what_kubectls_jsonpath_selects(string path, string expected)
    {
        var found = JsonPathExpression.Parse(path).Evaluate(Object);

        Assert.Equal(expected, string.Join(",", found.Select(f => f?.ToJsonString())));
    }

    [Theory]
    [InlineData(".spec[")]
    [InlineData("spec")]
    [InlineData(".spec..x")]
    [InlineData(".a[?(b==1)]")]
    public void Refuses_paths_outside_the_subset(string path) =>
        Assert.Throws<FormatException>(() => JsonPathExpression.Parse(path));
}
