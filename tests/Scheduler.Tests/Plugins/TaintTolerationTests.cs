using k8s.Models;
using Orchestrator.Scheduler.Framework;
using Orchestrator.Scheduler.Plugins.TaintToleration;

namespace Orchestrator.Scheduler.Tests.Plugins;

public class TaintTolerationTests
{
    public static TheoryData<string, V1Taint[], V1Toleration[], StatusCode, string?> FilterCases => new()
    {
        { "no taints", [], [], StatusCode.Success, null },
        { "master taint untolerated", [new V1Taint { Key = "node-role.kubernetes.io/master", Effect = "NoSchedule" }], [], StatusCode.UnschedulableAndUnresolvable, "node(s) had untolerated taint {node-role.kubernetes.io/master: }" },
        { "value shown", [new V1Taint { Key = "dedicated", Value = "gpu", Effect = "NoExecute" }], [], StatusCode.UnschedulableAndUnresolvable, "node(s) had untolerated taint {dedicated: gpu}" },
        { "prefer ignored by filter", [new V1Taint { Key = "k", Effect = "PreferNoSchedule" }], [], StatusCode.Success, null },
        { "equal toleration", [new V1Taint { Key = "k", Value = "v", Effect = "NoSchedule" }], [new V1Toleration { Key = "k", Value = "v", Effect = "NoSchedule" }], StatusCode.Success, null },
        { "equal toleration wrong value", [new V1Taint { Key = "k", Value = "v", Effect = "NoSchedule" }], [new V1Toleration { Key = "k", Value = "w" }], StatusCode.UnschedulableAndUnresolvable, "node(s) had untolerated taint {k: v}" },
        { "exists toleration any effect", [new V1Taint { Key = "k", Value = "v", Effect = "NoExecute" }], [new V1Toleration { Key = "k", OperatorProperty = "Exists" }], StatusCode.Success, null },
        { "empty key exists tolerates all", [new V1Taint { Key = "a", Effect = "NoSchedule" }, new V1Taint { Key = "b", Effect = "NoExecute" }], [new V1Toleration { OperatorProperty = "Exists" }], StatusCode.Success, null },
        { "effect mismatch", [new V1Taint { Key = "k", Effect = "NoExecute" }], [new V1Toleration { Key = "k", OperatorProperty = "Exists", Effect = "NoSchedule" }], StatusCode.UnschedulableAndUnresolvable, "node(s) had untolerated taint {k: }" },
        { "first untolerated in node order", [new V1Taint { Key = "a", Effect = "NoSchedule" }, new V1Taint { Key = "b", Effect = "NoSchedule" }], [new V1Toleration { Key = "a", OperatorProperty = "Exists" }], StatusCode.UnschedulableAndUnresolvable, "node(s) had untolerated taint {b: }" },
    };

    [Theory]
    [MemberData(nameof(FilterCases))]
    public void Filter(string name, V1Taint[] taints, V1Toleration[] tolerations, StatusCode code, string? reason)
    {
        var pod = Make.Pod();
        pod.Spec.Tolerations = tolerations;
        var status = Make.Filter(new TaintToleration(), pod, Make.Info(Make.Node(taints: taints)));
        Assert.True(code == status.Code, name);
        if (reason is not null)
        {
            Assert.Equal([reason], status.Reasons);
        }
    }

    [Fact]
    public void Score_prefers_fewer_untolerated_prefer_no_schedule_taints()
    {
        var plugin = new TaintToleration();
        var pod = Make.Pod();
        pod.Spec.Tolerations = [new V1Toleration { Key = "tolerated", OperatorProperty = "Exists", Effect = "PreferNoSchedule" }];
        var clean = Make.Info(Make.Node("clean"));
        var one = Make.Info(Make.Node("one", taints: [new V1Taint { Key = "x", Effect = "PreferNoSchedule" }, new V1Taint { Key = "tolerated", Effect = "PreferNoSchedule" }]));
        var two = Make.Info(Make.Node("two", taints: [new V1Taint { Key = "x", Effect = "PreferNoSchedule" }, new V1Taint { Key = "y", Effect = "PreferNoSchedule" }]));
        var state = new CycleState();
        NodeInfo[] nodes = [clean, one, two];
        var scores = nodes.Select(n => plugin.Score(state, pod, n)).ToArray();
        Assert.Equal([0L, 1, 2], scores);
        plugin.NormalizeScores(state, pod, nodes, scores);
        Assert.Equal([100L, 50, 0], scores);
    }
}
