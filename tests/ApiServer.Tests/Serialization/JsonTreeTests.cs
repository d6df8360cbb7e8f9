using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Serialization;

namespace Orchestrator.ApiServer.Tests.Serialization;

public sealed class JsonTreeTests
{
    [Theory]
    [InlineData("{\"a\":[1,{\"b\":null},\"c\"],\"d\":{}}")]
    [InlineData("[[],[[]]]")]
    [InlineData("5")]
    public void CloneIsEqualAndIndependent(string json)
    {
        var node = JsonNode.Parse(json)!;
        var clone = JsonTree.Clone(node);
        Assert.True(JsonNode.DeepEquals(node, clone));
        Assert.NotSame(node, clone);
    }

    [Fact]
    public void CloneOfDeepTreesDoesNotRecurse()
    {
        // Built bottom-up: attaching under an attached parent is quadratic in depth.
        JsonNode root = new JsonArray();
        for (var i = 0; i < 200_000; i++)
        {
            root = new JsonArray(root);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var clone = JsonTree.Clone(root)!;
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        var depth = 0;
        for (var at = clone; at is JsonArray { Count: 1 } array; at = array[0]!)
        {
            depth++;
        }

        Assert.Equal(200_000, depth);
    }
}
