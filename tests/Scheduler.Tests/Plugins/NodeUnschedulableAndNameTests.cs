using k8s.Models;
using Orchestrator.Scheduler.Framework;
using Orchestrator.Scheduler.Plugins.NodeName;
using Orchestrator.Scheduler.Plugins.NodeUnschedulable;

namespace Orchestrator.Scheduler.Tests.Plugins;

public class NodeUnschedulableAndNameTests
{
    [Theory]
    [InlineData(false, null, StatusCode.Success)]
    [InlineData(true, null, StatusCode.UnschedulableAndUnresolvable)]
    [InlineData(true, "node.kubernetes.io/unschedulable", StatusCode.Success)]
    [InlineData(true, "other", StatusCode.UnschedulableAndUnresolvable)]
    public void Unschedulable_nodes_need_the_toleration(bool cordoned, string? tolerationKey, StatusCode expected)
    {
        var pod = Make.Pod();
        if (tolerationKey is not null)
        {
            pod.Spec.Tolerations = [new V1Toleration { Key = tolerationKey, OperatorProperty = "Exists", Effect = "NoSchedule" }];
        }

        var status = Make.Filter(new NodeUnschedulable(), pod, Make.Info(Make.Node(unschedulable: cordoned)));
        Assert.Equal(expected, status.Code);
        if (!status.IsSuccess)
        {
            Assert.Equal(["node(s) were unschedulable"], status.Reasons);
        }
    }

    [Theory]
    [InlineData(null, "n1", true)]
    [InlineData("n1", "n1", true)]
    [InlineData("n2", "n1", false)]
    public void NodeName_matches_only_the_named_node(string? requested, string node, bool fits)
    {
        var status = Make.Filter(new NodeName(), Make.Pod(nodeName: requested), Make.Info(Make.Node(node)));
        Assert.Equal(fits, status.IsSuccess);
        if (!fits)
        {
            Assert.Equal(StatusCode.UnschedulableAndUnresolvable, status.Code);
            Assert.Equal(["node(s) didn't match the requested node name"], status.Reasons);
        }
    }
}
