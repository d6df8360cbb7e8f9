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
}
