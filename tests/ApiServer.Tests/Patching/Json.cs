using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tests.Patching;

/// <summary>Test data helpers: JSON written with single quotes (readable in attributes), compared structurally.</summary>
internal static class Json
{
    public static JsonNode Parse(string text) => JsonNode.Parse(text.Replace('\'', '"'))!;

    /// <summary>Structural equality: object members in any order, arrays in order, numbers by value.</summary>
    public static void Equal(string expected, JsonNode? actual, string scenario = "")
    {
        var expectedNode = Parse(expected);
        Assert.True(
            JsonNode.DeepEquals(expectedNode, actual),
            $"{scenario}\nexpected: {expectedNode.ToJsonString()}\nactual:   {actual?.ToJsonString() ?? "null"}");
    }
}
