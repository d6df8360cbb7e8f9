using k8s.Models;
using Orchestrator.ApiMachinery.Scheduling;

namespace Orchestrator.ApiMachinery.Tests.Scheduling;

/// <summary>Node selection as the scheduler and the DaemonSet controller both evaluate it.</summary>
public sealed class NodeSelectorsTests
{
    private static readonly V1Node Node = new()
    {
        Metadata = new V1ObjectMeta { Name = "n1", Labels = new Dictionary<string, string> { ["zone"] = "a", ["cpus"] = "8" } },
    };

    [Theory]
    [InlineData("zone", "In", "a,b", true)]
    [InlineData("zone", "In", "b", false)]
    [InlineData("zone", "NotIn", "b", true)]
    [InlineData("missing", "NotIn", "b", true)]
    [InlineData("zone", "Exists", "", true)]
    [InlineData("missing", "DoesNotExist", "", true)]
    [InlineData("cpus", "Gt", "4", true)]
    [InlineData("cpus", "Lt", "4", false)]
    [InlineData("cpus", "Gt", "4,5", false)]
    [InlineData("zone", "Gt", "4", false)]
    [InlineData("zone", "Bogus", "a", false)]
    public void Label_requirements(string key, string op, string values, bool matches) =>
        Assert.Equal(matches, NodeSelectors.MatchesTerm(Term(Requirement(key, op, Values(values))), Node));

    [Theory]
    [InlineData("metadata.name", "In", "n1", true)]
    [InlineData("metadata.name", "NotIn", "n1", false)]
    [InlineData("metadata.name", "Exists", "", false)]
    [InlineData("metadata.namespace", "In", "n1", false)]
    public void Field_requirements_know_only_the_node_name_with_in_and_notin(string key, string op, string values, bool matches) =>
        Assert.Equal(matches, NodeSelectors.MatchesTerm(new V1NodeSelectorTerm { MatchFields = [Requirement(key, op, Values(values))] }, Node));

    [Fact]
    public void A_term_without_requirements_matches_nothing() =>
        Assert.False(NodeSelectors.MatchesAnyTerm([new V1NodeSelectorTerm()], Node));

    [Fact]
    public void Terms_are_ored() =>
        Assert.True(NodeSelectors.MatchesAnyTerm([Term(Requirement("zone", "In", ["z"])), Term(Requirement("zone", "In", ["a"]))], Node));

    [Theory]
    [InlineData("zone=a", true)]
    [InlineData("zone=b", false)]
    [InlineData("zone=a,cpus=8", true)]
    [InlineData("rack=r1", false)]
    public void Node_selector_labels_must_all_be_on_the_node(string selector, bool matches)
    {
        var spec = new V1PodSpec { NodeSelector = selector.Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]) };

        Assert.Equal(matches, NodeSelectors.MatchesRequired(spec, Node));
    }

    [Fact]
    public void Required_affinity_and_node_selector_both_apply()
    {
        var spec = new V1PodSpec
        {
            NodeSelector = new Dictionary<string, string> { ["zone"] = "a" },
            Affinity = new V1Affinity { NodeAffinity = new V1NodeAffinity { RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector { NodeSelectorTerms = [Term(Requirement("cpus", "Gt", ["16"]))] } } },
        };

        Assert.False(NodeSelectors.MatchesRequired(spec, Node));
        Assert.True(NodeSelectors.MatchesRequired(new V1PodSpec(), Node));
    }

    private static V1NodeSelectorTerm Term(V1NodeSelectorRequirement requirement) => new() { MatchExpressions = [requirement] };

    private static V1NodeSelectorRequirement Requirement(string key, string op, List<string>? values) =>
        new() { Key = key, OperatorProperty = op, Values = values };

    private static List<string>? Values(string values) => values.Length == 0 ? null : [.. values.Split(',')];
}
