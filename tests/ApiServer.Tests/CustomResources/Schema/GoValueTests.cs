using System.Text.Json.Nodes;
using Orchestrator.ApiServer.CustomResources.Schema;
using Xunit;

namespace Orchestrator.ApiServer.Tests.CustomResources.Schema;

/// <summary>Values printed as Go's field errors print them (%v for numbers, %q for strings, %#v for maps).</summary>
public sealed class GoValueTests
{
    [Theory]
    [InlineData("1", "1")]
    [InlineData("1.5", "1.5")]
    [InlineData("1.0", "1")]
    [InlineData("1e21", "1e+21")]
    [InlineData("123456789012345678901234", "1.2345678901234569e+23")]
    [InlineData("0.00001", "1e-05")]
    [InlineData("0.0001", "0.0001")]
    [InlineData("100000000000000000000", "100000000000000000000")]
    [InlineData("-2.5", "-2.5")]
    [InlineData("\"a\\\"b\"", "\"a\\\"b\"")]
    [InlineData("true", "true")]
    [InlineData("null", "\"null\"")]
    [InlineData("{\"b\":1,\"a\":\"x\"}", "map[string]interface {}{\"a\":\"x\", \"b\":1}")]
    [InlineData("[1,\"a\",null]", "[]interface {}{1, \"a\", interface {}(nil)}")]
    public void Values_print_as_go_prints_them(string json, string expected) =>
        Assert.Equal(expected, GoValue.Format(JsonNode.Parse(json)));
}
