using k8s.Models;
using Orchestrator.ControllerManager.Controllers.ServiceLoadBalancer;

namespace Orchestrator.ControllerManager.Tests.Controllers.ServiceLoadBalancer;

public sealed class LoadBalancerNodesTests
{
    internal static V1Node Node(string name, string? internalIp, string ready = "True", bool unschedulable = false, string? externalIp = null, bool excluded = false, bool beingRemoved = false)
    {
        var addresses = new List<V1NodeAddress> { new() { Type = "Hostname", Address = name } };
        if (internalIp is not null)
        {
            addresses.Add(new V1NodeAddress { Type = "InternalIP", Address = internalIp });
        }

        if (externalIp is not null)
        {
            addresses.Add(new V1NodeAddress { Type = "ExternalIP", Address = externalIp });
        }

        return new V1Node
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Labels = excluded ? new Dictionary<string, string> { [LoadBalancerNodes.ExcludeLabel] = "" } : null,
            },
            Spec = new V1NodeSpec
            {
                Unschedulable = unschedulable,
                Taints = beingRemoved ? [new V1Taint { Key = LoadBalancerNodes.ToBeDeletedTaint, Effect = "NoSchedule" }] : null,
            },
            Status = new V1NodeStatus { Addresses = addresses, Conditions = [new V1NodeCondition { Type = "Ready", Status = ready }] },
        };
    }

    public static TheoryData<string, V1Node[], string> Cases => new()
    {
        { "ready nodes, sorted", [Node("b", "10.0.0.3"), Node("a", "10.0.0.2")], "10.0.0.2,10.0.0.3" },
        { "not ready and unknown left out", [Node("a", "10.0.0.2", ready: "False"), Node("b", "10.0.0.3", ready: "Unknown"), Node("c", "10.0.0.4")], "10.0.0.4" },
        { "cordoned left out", [Node("a", "10.0.0.2", unschedulable: true), Node("b", "10.0.0.3")], "10.0.0.3" },
        { "external IP preferred", [Node("a", "10.0.0.2", externalIp: "203.0.113.9")], "203.0.113.9" },
        { "exclude label and autoscaler taint left out", [Node("a", "10.0.0.2", excluded: true), Node("b", "10.0.0.3", beingRemoved: true), Node("c", "10.0.0.4")], "10.0.0.4" },
        { "no address, no entry", [Node("a", null), Node("b", "10.0.0.3")], "10.0.0.3" },
        { "same address once", [Node("a", "10.0.0.3"), Node("b", "10.0.0.3")], "10.0.0.3" },
        { "none", [Node("a", "10.0.0.2", ready: "False")], "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Publishes_the_addresses_of_ready_schedulable_nodes(string because, V1Node[] nodes, string expected)
    {
        Assert.NotEmpty(because);
        Assert.Equal(expected, string.Join(",", LoadBalancerNodes.Addresses(nodes)));
    }

    [Fact]
    public void Only_readiness_schedulability_and_address_changes_matter()
    {
        var node = Node("a", "10.0.0.2");
        Assert.False(LoadBalancerNodes.Changed(node, Node("a", "10.0.0.2")));
        Assert.True(LoadBalancerNodes.Changed(node, Node("a", "10.0.0.2", ready: "False")));
        Assert.True(LoadBalancerNodes.Changed(node, Node("a", "10.0.0.2", unschedulable: true)));
        Assert.True(LoadBalancerNodes.Changed(node, Node("a", "10.0.0.9")));
    }
}
