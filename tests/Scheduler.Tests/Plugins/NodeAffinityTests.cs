using k8s.Models;
using Orchestrator.Scheduler.Framework;
using Orchestrator.Scheduler.Plugins.NodeAffinity;

namespace Orchestrator.Scheduler.Tests.Plugins;

public class NodeAffinityTests
{
    private static V1NodeSelectorTerm Term(string key, string op, params string[] values) =>
        new() { MatchExpressions = [new V1NodeSelectorRequirement { Key = key, OperatorProperty = op, Values = values.Length == 0 ? null : values }] };

    public static TheoryData<string, Dictionary<string, string>?, V1NodeSelectorTerm[]?, bool> Cases => new()
    {
        { "nothing required", null, null, true },
        { "selector matches", Make.Labels("disk", "ssd"), null, true },
        { "selector mismatch", Make.Labels("disk", "hdd"), null, false },
        { "selector missing label", Make.Labels("gpu", "yes"), null, false },
        { "In", null, [Term("disk", "In", "ssd", "nvme")], true },
        { "In mismatch", null, [Term("disk", "In", "hdd")], false },
        { "NotIn", null, [Term("disk", "NotIn", "hdd")], true },
        { "NotIn on missing label", null, [Term("gpu", "NotIn", "x")], true },
        { "Exists", null, [Term("disk", "Exists")], true },
        { "DoesNotExist", null, [Term("disk", "DoesNotExist")], false },
        { "Gt", null, [Term("cores", "Gt", "8")], true },
        { "Gt false", null, [Term("cores", "Gt", "16")], false },
        { "Lt", null, [Term("cores", "Lt", "32")], true },
        { "Lt non-integer value", null, [Term("disk", "Lt", "3")], false },
        { "terms ORed", null, [Term("disk", "In", "hdd"), Term("zone", "In", "a")], true },
        { "empty term matches nothing", null, [new V1NodeSelectorTerm()], false },
        { "matchFields metadata.name", null, [new V1NodeSelectorTerm { MatchFields = [new V1NodeSelectorRequirement { Key = "metadata.name", OperatorProperty = "In", Values = ["n1"] }] }], true },
        { "matchFields other node", null, [new V1NodeSelectorTerm { MatchFields = [new V1NodeSelectorRequirement { Key = "metadata.name", OperatorProperty = "In", Values = ["n2"] }] }], false },
        { "selector and affinity both needed", Make.Labels("disk", "ssd"), [Term("zone", "In", "b")], false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Filter(string name, Dictionary<string, string>? nodeSelector, V1NodeSelectorTerm[]? required, bool fits)
    {
        var pod = Make.Pod();
        pod.Spec.NodeSelector = nodeSelector;
        if (required is not null)
        {
            pod.Spec.Affinity = new V1Affinity { NodeAffinity = new V1NodeAffinity { RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector { NodeSelectorTerms = required } } };
        }

        var node = Make.Node("n1", labels: Make.Labels("disk", "ssd", "zone", "a", "cores", "12"));
        var status = Make.Filter(new NodeAffinity(), pod, Make.Info(node));
        Assert.True(fits == status.IsSuccess, name);
        if (!fits)
        {
            Assert.Equal(StatusCode.UnschedulableAndUnresolvable, status.Code);
            Assert.Equal(["node(s) didn't match Pod's node affinity/selector"], status.Reasons);
        }
    }

    [Fact]
    public void Score_sums_matching_preferred_weights_and_normalizes()
    {
        var pod = Make.Pod();
        pod.Spec.Affinity = new V1Affinity
        {
            NodeAffinity = new V1NodeAffinity
            {
                PreferredDuringSchedulingIgnoredDuringExecution =
                [
                    new V1PreferredSchedulingTerm { Weight = 10, Preference = Term("zone", "In", "a") },
                    new V1PreferredSchedulingTerm { Weight = 30, Preference = Term("disk", "In", "ssd") },
                ],
            },
        };
        var plugin = new NodeAffinity();
        NodeInfo[] nodes =
        [
            Make.Info(Make.Node("both", labels: Make.Labels("zone", "a", "disk", "ssd"))),
            Make.Info(Make.Node("ssd", labels: Make.Labels("disk", "ssd"))),
            Make.Info(Make.Node("none")),
        ];
        var state = new CycleState();
        var scores = nodes.Select(n => plugin.Score(state, pod, n)).ToArray();
        Assert.Equal([40L, 30, 0], scores);
        plugin.NormalizeScores(state, pod, nodes, scores);
        Assert.Equal([100L, 75, 0], scores);
    }
}
