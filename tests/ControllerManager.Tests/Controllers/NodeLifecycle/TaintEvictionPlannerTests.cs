using k8s.Models;
using Orchestrator.ControllerManager.Controllers.NodeLifecycle;
using Orchestrator.ApiMachinery.Scheduling;

namespace Orchestrator.ControllerManager.Tests.Controllers.NodeLifecycle;

public sealed class TaintEvictionPlannerTests
{
    private static readonly DateTime Now = new(2026, 1, 1, 0, 10, 0, DateTimeKind.Utc);
    private const string Unreachable = "node.kubernetes.io/unreachable";

    private static V1Pod Pod(string name, params V1Toleration[] tolerations) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "ns" },
        Spec = new V1PodSpec { Tolerations = tolerations },
    };

    // Taint added `addedSecondsAgo` before now; the pod tolerates it as described.
    [Theory]
    [InlineData("none", null, 0, true, null)]
    [InlineData("exists", null, 0, false, null)]                  // tolerated forever
    [InlineData("exists", 300L, 0, false, 300)]                    // next check when the toleration runs out
    [InlineData("exists", 300L, 299, false, 1)]
    [InlineData("exists", 300L, 300, true, null)]
    [InlineData("exists", -5L, 0, true, null)]                     // negative seconds count as zero
    [InlineData("other-key", null, 0, true, null)]
    [InlineData("wrong-effect", null, 0, true, null)]
    [InlineData("all", null, 0, false, null)]                      // key "" with Exists tolerates everything
    public void Pods_go_when_they_do_not_tolerate_or_their_time_is_up(string toleration, long? seconds, int addedSecondsAgo, bool evicted, int? nextInSeconds)
    {
        var taint = new V1Taint { Key = Unreachable, Effect = "NoExecute", TimeAdded = Now.AddSeconds(-addedSecondsAgo) };
        var pod = toleration switch
        {
            "none" => Pod("p"),
            "exists" => Pod("p", new V1Toleration { Key = Unreachable, OperatorProperty = "Exists", Effect = "NoExecute", TolerationSeconds = seconds }),
            "other-key" => Pod("p", new V1Toleration { Key = "example.com/x", OperatorProperty = "Exists" }),
            "wrong-effect" => Pod("p", new V1Toleration { Key = Unreachable, OperatorProperty = "Exists", Effect = "NoSchedule" }),
            _ => Pod("p", new V1Toleration { OperatorProperty = "Exists" }),
        };

        var plan = TaintEvictionPlanner.Plan([taint], [pod], Now);

        Assert.Equal(evicted, plan.Evict.Count == 1);
        Assert.Equal(nextInSeconds is { } s ? Now.AddSeconds(s) : null, plan.NextCheck);
    }

    [Theory]
    [InlineData("NoSchedule", false)]
    [InlineData("NoExecute", true)]
    public void Only_NoExecute_taints_evict(string effect, bool evicted)
    {
        var plan = TaintEvictionPlanner.Plan([new V1Taint { Key = "k", Effect = effect }], [Pod("p")], Now);

        Assert.Equal(evicted, plan.Evict.Count == 1);
    }

    [Fact]
    public void Pods_already_being_deleted_are_left_alone()
    {
        var pod = Pod("p");
        pod.Metadata.DeletionTimestamp = Now;

        Assert.Empty(TaintEvictionPlanner.Plan([new V1Taint { Key = "k", Effect = "NoExecute" }], [pod], Now).Evict);
    }

    [Theory]
    [InlineData("k", "Equal", "v", "k", "v", true)]
    [InlineData("k", "Equal", "v", "k", "w", false)]
    [InlineData("k", null, "v", "k", "v", true)]
    [InlineData("k", "Exists", null, "k", "anything", true)]
    [InlineData("", "Exists", null, "k", "v", true)]
    [InlineData("j", "Exists", null, "k", "v", false)]
    public void Tolerations_match_like_upstream(string key, string? op, string? value, string taintKey, string taintValue, bool expected)
    {
        var toleration = new V1Toleration { Key = key, OperatorProperty = op, Value = value };

        Assert.Equal(expected, Tolerations.Tolerates(toleration, new V1Taint { Key = taintKey, Value = taintValue, Effect = "NoExecute" }));
    }
}
