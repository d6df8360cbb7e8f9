using System.Text;
using System.Text.Json;
using Orchestrator.ApiServer.Serialization;

namespace Orchestrator.ApiServer.Tests.Serialization;

/// <summary>JSON bodies read as Go's encoding/json reads them, without recursion.</summary>
public sealed class JsonBodyReaderTests
{
    [Theory]
    [InlineData("{\"a\":1,\"b\":[true,null,\"x\"]}", "{\"a\":1,\"b\":[true,null,\"x\"]}")]
    [InlineData("{\"a\":1,\"a\":2}", "{\"a\":2}")]
    [InlineData("{\"a\":\"\\ud800\"}", "{\"a\":\"\\uFFFD\"}")]
    [InlineData("{\"a\":\"x\\ud800y\\n\"}", "{\"a\":\"x\\uFFFDy\\n\"}")]
    [InlineData("{\"a\":\"\\udc00\\ud83d\\ude00\"}", "{\"a\":\"\\uFFFD\\uD83D\\uDE00\"}")]
    [InlineData("{\"a\":9223372036854775808}", "{\"a\":9223372036854775808}")]
    [InlineData("{\"a\":-0}", "{\"a\":-0}")]
    [InlineData("\"text\"", "\"text\"")]
    [InlineData("[]", "[]")]
    public void Reads(string json, string expected) =>
        Assert.Equal(expected, JsonBodyReader.Parse(Encoding.UTF8.GetBytes(json))!.ToJsonString());

    [Fact]
    public void InvalidUtf8BecomesReplacementCharacters()
    {
        byte[] body = [.. "{\"name\":\"a"u8, 0xff, 0xfe, .. "b\"}"u8];
        var node = JsonBodyReader.Parse(body)!;
        Assert.Equal("a\uFFFD\uFFFDb", node["name"]!.GetValue<string>());
    }

    [Fact]
    public void NestingUpToTenThousandIsRead()
    {
        var json = new string('[', 10_000) + new string(']', 10_000);
        Assert.NotNull(JsonBodyReader.Parse(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void NestingPastTenThousandIsRefused()
    {
        var json = new string('[', 10_001) + new string(']', 10_001);
        var error = Assert.ThrowsAny<JsonException>(() => JsonBodyReader.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.Contains("exceeded max depth", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"a\":}")]
    [InlineData("[1,]")]
    [InlineData("{} {}")]
    public void MalformedIsAJsonException(string json) =>
        Assert.ThrowsAny<JsonException>(() => JsonBodyReader.Parse(Encoding.UTF8.GetBytes(json)));
}
