using k8s.Models;
using Orchestrator.ApiMachinery.Scheduling;

namespace Orchestrator.ApiMachinery.Tests.Scheduling;

/// <summary>Upstream's ToleratesTaint table (k8s.io/api core/v1 toleration_test.go cases, restated).</summary>
public sealed class TolerationsTests
{
    [Theory]
    [InlineData("k", "Equal", "v", "NoSchedule", "k", "v", "NoSchedule", true)]
    [InlineData("k", "Equal", "v", "NoSchedule", "k", "w", "NoSchedule", false)]
    [InlineData("k", null, "v", "NoSchedule", "k", "v", "NoSchedule", true)]
    [InlineData("k", "", "", "", "k", null, "NoExecute", true)]
    [InlineData("k", "Exists", null, "NoSchedule", "k", "anything", "NoSchedule", true)]
    [InlineData("k", "Exists", null, "NoSchedule", "k", "anything", "NoExecute", false)]
    [InlineData("k", "Exists", null, null, "k", "anything", "PreferNoSchedule", true)]
    [InlineData(null, "Exists", null, null, "any", "thing", "NoExecute", true)]
    [InlineData(null, "Exists", null, "NoExecute", "any", "thing", "NoSchedule", false)]
    [InlineData("other", "Exists", null, null, "k", "v", "NoSchedule", false)]
    [InlineData("k", "Lt", "5", null, "k", "3", "NoSchedule", false)]
    [InlineData(null, "Equal", "v", null, "k", "v", "NoSchedule", true)]
    public void Tolerates(string? key, string? op, string? value, string? effect, string taintKey, string? taintValue, string taintEffect, bool expected) =>
        Assert.Equal(expected, Tolerations.Tolerates(
            new V1Toleration { Key = key, OperatorProperty = op, Value = value, Effect = effect },
            new V1Taint { Key = taintKey, Value = taintValue, Effect = taintEffect }));

    [Fact]
    public void FindUntoleratedReturnsTheFirstInNodeOrder()
    {
        V1Taint[] taints = [new() { Key = "a", Effect = "NoSchedule" }, new() { Key = "b", Effect = "NoExecute" }, new() { Key = "c", Effect = "NoExecute" }];
        V1Toleration[] tolerations = [new() { Key = "a", OperatorProperty = "Exists" }];
        Assert.Equal("b", Tolerations.FindUntolerated(taints, tolerations, t => t.Effect == "NoExecute")?.Key);
        Assert.Null(Tolerations.FindUntolerated(taints, tolerations, t => t.Effect == "NoSchedule"));
        Assert.Null(Tolerations.FindUntolerated(null, tolerations, _ => true));
        Assert.False(Tolerations.Tolerated(taints[0], null));
    }

    public static TheoryData<string, string, string> Merges => new()
    {
        // first, second, merged — upstream's tolerations_test.go shapes, restated.
        { "a=1:NoSchedule", "b=2:NoSchedule", "a=1:NoSchedule,b=2:NoSchedule" },
        { "a=1:NoSchedule", "a=1:NoSchedule", "a=1:NoSchedule" },
        { "a=1:NoSchedule", "a:Exists:NoSchedule", "a:Exists:NoSchedule" },
        { "a:Exists:", "a=1:NoSchedule,a=2:NoExecute", "a:Exists:" },
        { ":Exists:", "a=1:NoSchedule,b:Exists:NoExecute", ":Exists:" },
        { "a=1:NoExecute@10", "a=1:NoExecute@20", "a=1:NoExecute@20" },
        { "a=1:NoExecute@20", "a=1:NoExecute", "a=1:NoExecute" },
        { "a=1:NoSchedule", "a=2:NoSchedule", "a=1:NoSchedule,a=2:NoSchedule" },
        { "", "os=windows:NoSchedule", "os=windows:NoSchedule" },
    };

    [Theory]
    [MemberData(nameof(Merges))]
    public void Merge_keeps_one_toleration_of_each_superset_in_order(string first, string second, string expected) =>
        Assert.Equal(expected, string.Join(",", Tolerations.Merge(Parse(first), Parse(second)).Select(Format)));

    /// <summary><c>key=value:effect[@seconds]</c> for Equal, <c>key:Exists:effect</c> for Exists.</summary>
    private static List<V1Toleration> Parse(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(item =>
        {
            var (body, seconds) = item.Split('@') is [var b, var s] ? (b, (long?)long.Parse(s, System.Globalization.CultureInfo.InvariantCulture)) : (item, null);
            var parts = body.Split(':');
            return parts.Length == 3
                ? new V1Toleration { Key = parts[0], OperatorProperty = "Exists", Effect = parts[2], TolerationSeconds = seconds }
                : new V1Toleration { Key = parts[0].Split('=')[0], OperatorProperty = "Equal", Value = parts[0].Split('=')[1], Effect = parts[1], TolerationSeconds = seconds };
        })];

    private static string Format(V1Toleration t) =>
        (t.OperatorProperty == "Exists" ? $"{t.Key}:Exists:{t.Effect}" : $"{t.Key}={t.Value}:{t.Effect}") + (t.TolerationSeconds is { } s ? $"@{s}" : "");
}
