using k8s.Models;
using Orchestrator.ApiMachinery.Labels;

namespace Orchestrator.ApiMachinery.Tests.Labels;

/// <summary>apimachinery's label selector semantics, for every component.</summary>
public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["app"] = "web", ["tier"] = "front" };

    [Theory]
    [InlineData("In", "web,api", true)]
    [InlineData("In", "api", false)]
    [InlineData("NotIn", "api", true)]
    [InlineData("NotIn", "web", false)]
    [InlineData("Exists", "", true)]
    [InlineData("DoesNotExist", "", false)]
    [InlineData("Gt", "1", false)]
    public void Expressions(string op, string values, bool matches) =>
        Assert.Equal(matches, LabelSelector.Matches(
            new V1LabelSelector { MatchExpressions = [new V1LabelSelectorRequirement { Key = "app", OperatorProperty = op, Values = values.Length == 0 ? null : values.Split(',') }] },
            Labels));

    [Fact]
    public void NullSelectsNothingAndEmptySelectsEverything()
    {
        Assert.False(LabelSelector.Matches(null, Labels));
        Assert.True(LabelSelector.Matches(new V1LabelSelector(), Labels));
        Assert.True(LabelSelector.Matches(new V1LabelSelector(), null));
        Assert.True(LabelSelector.IsEmpty(new V1LabelSelector { MatchLabels = new Dictionary<string, string>() }));
        Assert.False(LabelSelector.IsEmpty(null));
    }

    [Fact]
    public void MatchLabelsAndExpressionsAreAnded()
    {
        var selector = new V1LabelSelector
        {
            MatchLabels = new Dictionary<string, string> { ["app"] = "web" },
            MatchExpressions = [new V1LabelSelectorRequirement { Key = "tier", OperatorProperty = "In", Values = ["back"] }],
        };
        Assert.False(LabelSelector.Matches(selector, Labels));
        Assert.True(LabelSelector.Matches(selector, new Dictionary<string, string> { ["app"] = "web", ["tier"] = "back" }));
        Assert.False(LabelSelector.Matches(selector, null));
    }

    [Fact]
    public void MatchLabelKeysBecomeEqualityOnThePodsOwnLabels()
    {
        var compiled = LabelSelector.From(new V1LabelSelector(), ["tier", "absent"], Labels);
        Assert.True(compiled.Matches(new Dictionary<string, string> { ["tier"] = "front" }));
        Assert.False(compiled.Matches(new Dictionary<string, string> { ["tier"] = "back" }));
    }
}
