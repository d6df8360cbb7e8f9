using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Serialization;
using YamlDotNet.Core;

namespace Orchestrator.ApiServer.Tests.Serialization;

/// <summary>YAML to JSON as sigs.k8s.io/yaml converts it, within goyaml's depth and alias limits.</summary>
public sealed class YamlToJsonTests
{
    [Theory]
    [InlineData("a: 1", "{\"a\":1}")]
    [InlineData("a: '1'", "{\"a\":\"1\"}")]
    [InlineData("a: true\nb: ~\nc: 1.5\nd: x", "{\"a\":true,\"b\":null,\"c\":1.5,\"d\":\"x\"}")]
    [InlineData("a: !!str 5", "{\"a\":\"5\"}")]
    [InlineData("a: 1\na: 2", "{\"a\":2}")]
    [InlineData("a: &x [1, 2]\nb: *x", "{\"a\":[1,2],\"b\":[1,2]}")]
    [InlineData("a: &k key\n*k : v", "{\"a\":\"key\",\"key\":\"v\"}")]
    [InlineData("a: 9223372036854775808", "{\"a\":9223372036854775808}")]
    [InlineData("a: -0", "{\"a\":0}")]
    [InlineData("- a\n- {b: [c]}", "[\"a\",{\"b\":[\"c\"]}]")]
    [InlineData("a: 1\n---\nb: 2", "{\"a\":1}")]
    public void Converts(string yaml, string json) =>
        Assert.Equal(json, YamlToJson.Convert(yaml)!.ToJsonString());

    [Theory]
    [InlineData("metadata: &m {name: x, x: *m}", "anchor 'm' value contains itself")]
    [InlineData("a: &m [*m]", "anchor 'm' value contains itself")]
    [InlineData("a: *nope", "unknown anchor 'nope' referenced")]
    [InlineData("{[a]: b}", "invalid map key")]
    [InlineData("? {a: b}\n: c", "invalid map key")]
    [InlineData("a: &s [1]\n*s : c", "invalid map key")]
    public void RefusesWithGoyamlsMessage(string yaml, string message)
    {
        var error = Assert.ThrowsAny<YamlException>(() => YamlToJson.Convert(yaml));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void NestingIsBoundedWithoutRecursion(bool flow)
    {
        var deep = Nested(15_000, flow);
        var error = Assert.ThrowsAny<YamlException>(() => YamlToJson.Convert(deep));
        Assert.Contains("exceeded max depth of 10000", error.Message, StringComparison.Ordinal);

        var allowed = YamlToJson.Convert(Nested(9_000, flow));
        Assert.NotNull(allowed);
    }

    [Fact]
    public void AliasesCannotNestPastTheLimit()
    {
        var yaml = "a: &a " + Nested(6_000, flow: true).TrimStart() + "\nb: " + new string('[', 5_000) + "*a" + new string(']', 5_000);
        var error = Assert.ThrowsAny<YamlException>(() => YamlToJson.Convert(yaml));
        Assert.Contains("exceeded max depth of 10000", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(9, 9)]
    [InlineData(7, 9)]
    [InlineData(30, 2)]
    public void BillionLaughsIsRefusedQuickly(int levels, int width)
    {
        var yaml = new StringBuilder("a0: &a0 [\"lol\"]\n");
        for (var level = 1; level < levels; level++)
        {
            yaml.Append($"a{level}: &a{level} [").AppendJoin(",", Enumerable.Repeat($"*a{level - 1}", width)).Append("]\n");
        }

        var clock = Stopwatch.StartNew();
        var error = Assert.ThrowsAny<YamlException>(() => YamlToJson.Convert(yaml.ToString()));
        Assert.Contains("document contains excessive aliasing", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
    }

    [Fact]
    public void ModerateAliasingIsAllowed()
    {
        // An anchor of 50 nodes used 20 times: 1,000 aliased of ~1,070 decoded is under 99%.
        var yaml = "base: &b {" + string.Join(", ", Enumerable.Range(0, 24).Select(i => $"k{i}: v")) + "}\n"
            + string.Join("\n", Enumerable.Range(0, 20).Select(i => $"use{i}: *b"));
        var result = YamlToJson.Convert(yaml)!.AsObject();
        Assert.Equal(21, result.Count);
        Assert.Equal("v", result["use19"]!["k23"]!.GetValue<string>());
    }

    [Fact]
    public void AliasedValuesAreCopies()
    {
        var result = YamlToJson.Convert("a: &x {k: v}\nb: *x")!.AsObject();
        result["b"]!["k"] = "changed";
        Assert.Equal("v", result["a"]!["k"]!.GetValue<string>());
    }

    [Fact]
    public void HonoursCancellation()
    {
        var wide = string.Join("\n", Enumerable.Range(0, 10_000).Select(i => $"k{i}: v"));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => YamlToJson.Convert(wide, cancelled.Token));
    }

    private static string Nested(int depth, bool flow)
    {
        if (flow)
        {
            return new string('[', depth) + new string(']', depth);
        }

        // Block sequences nest on one line ("- - - v"), so the depth costs two bytes a level, not an indentation.
        return string.Concat(Enumerable.Repeat("- ", depth)) + "v\n";
    }
}
