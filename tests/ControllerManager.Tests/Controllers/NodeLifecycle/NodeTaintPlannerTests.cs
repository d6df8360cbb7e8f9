using k8s.Models;
using Orchestrator.ControllerManager.Controllers.NodeLifecycle;

namespace Orchestrator.ControllerManager.Tests.Controllers.NodeLifecycle;

public sealed class NodeTaintPlannerTests
{
    private static readonly DateTime Now = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static V1Taint Parse(string s)
    {
        var (key, effect) = (s[..s.LastIndexOf(':')], s[(s.LastIndexOf(':') + 1)..]);
        return new V1Taint { Key = key, Effect = effect };
    }

    // Expected taints as "key:effect" after the planner ran; "=" means unchanged (null plan).
    [Theory]
    [InlineData("True", "", false, "=")]
    [InlineData("False", "", false, "node.kubernetes.io/not-ready:NoExecute,node.kubernetes.io/not-ready:NoSchedule")]
    [InlineData("Unknown", "", false, "node.kubernetes.io/unreachable:NoExecute,node.kubernetes.io/unreachable:NoSchedule")]
    [InlineData("Unknown", "node.kubernetes.io/not-ready:NoExecute,node.kubernetes.io/not-ready:NoSchedule", false,
        "node.kubernetes.io/unreachable:NoExecute,node.kubernetes.io/unreachable:NoSchedule")]
    [InlineData("True", "node.kubernetes.io/unreachable:NoExecute,node.kubernetes.io/unreachable:NoSchedule,example.com/x:NoSchedule", false,
        "example.com/x:NoSchedule")]
    [InlineData("True", "example.com/x:NoExecute", false, "=")]
    [InlineData("True", "", true, "node.kubernetes.io/unschedulable:NoSchedule")]
    [InlineData("False", "node.kubernetes.io/not-ready:NoExecute,node.kubernetes.io/not-ready:NoSchedule", false, "=")]
    public void Taints_follow_the_Ready_condition(string ready, string existing, bool unschedulable, string expected)
    {
        V1NodeCondition[] conditions = [new() { Type = "Ready", Status = ready }];
        var current = existing.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Parse).ToList();

        var taints = NodeTaintPlanner.Compute(conditions, unschedulable, current, Now);

        if (expected == "=")
        {
            Assert.Null(taints);
            return;
        }

        Assert.Equal(expected.Split(',').Order(), taints!.Select(t => $"{t.Key}:{t.Effect}").Order());
        Assert.All(taints!.Where(t => t.Effect == "NoExecute" && !current.Any(c => c.Key == t.Key)), t => Assert.Equal(Now, t.TimeAdded));
    }

    [Theory]
    [InlineData("MemoryPressure", "node.kubernetes.io/memory-pressure")]
    [InlineData("DiskPressure", "node.kubernetes.io/disk-pressure")]
    [InlineData("PIDPressure", "node.kubernetes.io/pid-pressure")]
    [InlineData("NetworkUnavailable", "node.kubernetes.io/network-unavailable")]
    public void Pressure_conditions_add_NoSchedule_taints(string type, string key)
    {
        V1NodeCondition[] conditions = [new() { Type = "Ready", Status = "True" }, new() { Type = type, Status = "True" }];

        var taint = Assert.Single(NodeTaintPlanner.Compute(conditions, false, [], Now)!);

        Assert.Equal((key, "NoSchedule", (DateTime?)null), (taint.Key, taint.Effect, taint.TimeAdded));
    }
}
