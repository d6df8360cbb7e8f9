using k8s.Models;
using Orchestrator.ControllerManager.Controllers.NodeLifecycle;

namespace Orchestrator.ControllerManager.Tests.Controllers.NodeLifecycle;

public sealed class NodeConditionsTests
{
    private static readonly DateTime Now = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("Ready", "True", "NodeStatusUnknown", "Kubelet stopped posting node status.")]
    [InlineData("MemoryPressure", "False", "NodeStatusUnknown", "Kubelet stopped posting node status.")]
    [InlineData("DiskPressure", null, "NodeStatusNeverUpdated", "Kubelet never posted node status.")]
    [InlineData("PIDPressure", null, "NodeStatusNeverUpdated", "Kubelet never posted node status.")]
    public void MarkUnknown_sets_each_monitored_condition_to_Unknown(string type, string? before, string reason, string message)
    {
        List<V1NodeCondition> current =
        [
            new() { Type = "Ready", Status = "True", Reason = "KubeletReady", LastHeartbeatTime = Now.AddMinutes(-1) },
            new() { Type = "MemoryPressure", Status = "False" },
        ];

        var marked = NodeConditions.MarkUnknown(current, Now.AddHours(-1), Now)!;

        var condition = Assert.Single(marked, c => c.Type == type);
        Assert.Equal(("Unknown", reason, message, Now), (condition.Status, condition.Reason, condition.Message, condition.LastTransitionTime));
        Assert.Equal(before, current.FirstOrDefault(c => c.Type == type)?.Status); // the input is not mutated
    }

    [Fact]
    public void MarkUnknown_is_null_when_already_all_Unknown()
    {
        var current = NodeConditions.Monitored.Select(t => new V1NodeCondition { Type = t, Status = "Unknown" }).ToList();

        Assert.Null(NodeConditions.MarkUnknown(current, null, Now));
    }
}
