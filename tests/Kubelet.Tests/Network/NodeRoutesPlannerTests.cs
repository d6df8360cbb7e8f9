using k8s.Models;
using Orchestrator.Kubelet.Network;
using Orchestrator.Kubelet.Runtime.Containerd;

namespace Orchestrator.Kubelet.Tests.Network;

public sealed class NodeRoutesPlannerTests
{
    public static TheoryData<string, string[], string[]> PlanCases => new()
    {
        // "name podCIDR internalIP" per node ("-" = missing); expected "dst via gw", ordered by destination
        { "two nodes: the other node is routed, never self", ["a 10.244.1.0/24 10.0.0.2", "b 10.244.2.0/24 10.0.0.3"], ["10.244.2.0/24 via 10.0.0.3"] },
        { "three nodes, ordered by destination", ["c 10.244.3.0/24 10.0.0.4", "a 10.244.1.0/24 10.0.0.2", "b 10.244.2.0/24 10.0.0.3"], ["10.244.2.0/24 via 10.0.0.3", "10.244.3.0/24 via 10.0.0.4"] },
        { "a node without podCIDR yet is skipped", ["a 10.244.1.0/24 10.0.0.2", "b - 10.0.0.3"], [] },
        { "a node without InternalIP is skipped", ["a 10.244.1.0/24 10.0.0.2", "b 10.244.2.0/24 -"], [] },
        { "an IPv6 podCIDR or address is skipped", ["a 10.244.1.0/24 10.0.0.2", "b fd00::/64 10.0.0.3", "c 10.244.3.0/24 fd00::3"], [] },
        { "self unknown yet: every node is routed", ["b 10.244.2.0/24 10.0.0.3"], ["10.244.2.0/24 via 10.0.0.3"] },
        { "a podCIDR overlapping our own is never routed away", ["a 10.244.1.0/24 10.0.0.2", "b 10.244.1.0/25 10.0.0.3"], [] },
        { "two nodes claiming one podCIDR: the first by name wins", ["a 10.244.1.0/24 10.0.0.2", "c 10.244.5.0/24 10.0.0.4", "b 10.244.5.0/24 10.0.0.3"], ["10.244.5.0/24 via 10.0.0.3"] },
        { "a podCIDR written unnormalised is normalised", ["a 10.244.1.0/24 10.0.0.2", "b 10.244.2.9/24 10.0.0.3"], ["10.244.2.0/24 via 10.0.0.3"] },
        { "garbage podCIDR is skipped", ["a 10.244.1.0/24 10.0.0.2", "b not-a-cidr 10.0.0.3"], [] },
    };

    [Theory]
    [MemberData(nameof(PlanCases))]
    public void Plan_routes_every_other_nodes_pod_cidr_via_its_internal_ip(string description, string[] nodes, string[] expected)
    {
        var routes = NodeRoutesPlanner.Plan("a", nodes.Select(Node));

        Assert.True(expected.SequenceEqual(routes.Select(r => r.ToString())), $"{description}: got [{string.Join(", ", routes)}]");
    }

    [Fact]
    public void Plan_falls_back_to_the_first_ipv4_entry_of_pod_cidrs_and_the_first_ipv4_internal_ip()
    {
        var node = new V1Node
        {
            Metadata = new V1ObjectMeta { Name = "b" },
            Spec = new V1NodeSpec { PodCIDRs = ["fd00:1::/64", "10.244.7.0/24"] },
            Status = new V1NodeStatus
            {
                Addresses =
                [
                    new V1NodeAddress { Type = "Hostname", Address = "b" },
                    new V1NodeAddress { Type = "InternalIP", Address = "fd00::7" },
                    new V1NodeAddress { Type = "InternalIP", Address = "10.0.0.7" },
                ],
            },
        };

        Assert.Equal("10.244.7.0/24 via 10.0.0.7", Assert.Single(NodeRoutesPlanner.Plan("a", [node])).ToString());
    }

    public static TheoryData<string, string[], string[], string[], string[], string[], string[]> DiffCases => new()
    {
        // desired, current (ours), foreign destinations → replace, delete, conflicts
        { "nothing to do when current matches", ["10.1.2.0/24 10.0.0.3"], ["10.1.2.0/24 10.0.0.3"], [], [], [], [] },
        { "a missing route is added", ["10.1.2.0/24 10.0.0.3"], [], [], ["10.1.2.0/24 via 10.0.0.3"], [], [] },
        { "a node with a new IP: its route is re-pointed, not deleted", ["10.1.2.0/24 10.0.0.9"], ["10.1.2.0/24 10.0.0.3"], [], ["10.1.2.0/24 via 10.0.0.9"], [], [] },
        { "a node that left: its route is deleted", ["10.1.2.0/24 10.0.0.3"], ["10.1.2.0/24 10.0.0.3", "10.1.3.0/24 10.0.0.4"], [], [], ["10.1.3.0/24"], [] },
        { "a node whose podCIDR changed: new added, old deleted", ["10.1.4.0/24 10.0.0.3"], ["10.1.2.0/24 10.0.0.3"], [], ["10.1.4.0/24 via 10.0.0.3"], ["10.1.2.0/24"], [] },
        { "a destination someone else routes is a conflict, left alone", ["10.1.2.0/24 10.0.0.3", "10.1.3.0/24 10.0.0.4"], [], ["10.1.3.0/24", "0.0.0.0/0"], ["10.1.2.0/24 via 10.0.0.3"], [], ["10.1.3.0/24 via 10.0.0.4"] },
        { "no nodes: all of ours go", [], ["10.1.2.0/24 10.0.0.3", "10.1.3.0/24 10.0.0.4"], ["10.0.0.0/24"], [], ["10.1.2.0/24", "10.1.3.0/24"], [] },
    };

    [Theory]
    [MemberData(nameof(DiffCases))]
    public void Diff_replaces_missing_or_repointed_routes_and_deletes_only_our_stale_ones(
        string description, string[] desired, string[] current, string[] foreign, string[] replace, string[] delete, string[] conflicts)
    {
        var plan = NodeRoutesPlanner.Diff(desired.Select(Route).ToList(), current.Select(Route).ToList(), foreign.Select(Ipv4Cidr.Parse).ToHashSet());

        Assert.True(replace.SequenceEqual(plan.Replace.Select(r => r.ToString())), $"{description}: replace [{string.Join(", ", plan.Replace)}]");
        Assert.True(delete.SequenceEqual(plan.Delete.Select(d => d.ToString())), $"{description}: delete [{string.Join(", ", plan.Delete)}]");
        Assert.True(conflicts.SequenceEqual(plan.Conflicts.Select(r => r.ToString())), $"{description}: conflicts [{string.Join(", ", plan.Conflicts)}]");
        Assert.Equal(replace.Length == 0 && delete.Length == 0, plan.IsEmpty);
    }

    private static NodeRoute Route(string text)
    {
        var parts = text.Split(' ');
        return new NodeRoute(Ipv4Cidr.Parse(parts[0]), parts[1]);
    }

    private static V1Node Node(string text)
    {
        var parts = text.Split(' ');
        return new V1Node
        {
            Metadata = new V1ObjectMeta { Name = parts[0] },
            Spec = new V1NodeSpec { PodCIDR = parts[1] == "-" ? null : parts[1] },
            Status = new V1NodeStatus
            {
                Addresses = parts[2] == "-" ? [new V1NodeAddress { Type = "Hostname", Address = parts[0] }] : [new V1NodeAddress { Type = "InternalIP", Address = parts[2] }],
            },
        };
    }
}
