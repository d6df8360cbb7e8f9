using k8s.Models;
using Orchestrator.ControllerManager.Controllers.PodGc;

namespace Orchestrator.ControllerManager.Tests.Controllers.PodGc;

public sealed class PodGcPlannerTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>"name:phase:node:terminating(0/1)", created in list order.</summary>
    private static List<V1Pod> Pods(string spec) =>
        [.. spec.Split(',', StringSplitOptions.RemoveEmptyEntries).Select((p, i) =>
        {
            var f = p.Split(':');
            return new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = f[0], NamespaceProperty = "ns", CreationTimestamp = T0.AddMinutes(i), DeletionTimestamp = f[3] == "1" ? T0 : null },
                Spec = new V1PodSpec { NodeName = f[2].Length == 0 ? null : f[2] },
                Status = new V1PodStatus { Phase = f[1] },
            };
        })];

    private static Dictionary<string, V1Node> Nodes(params string[] names) =>
        names.ToDictionary(n => n, n => new V1Node { Metadata = new V1ObjectMeta { Name = n } });

    [Theory]
    [InlineData("a:Succeeded:n1:0,b:Failed:n1:0,c:Succeeded:n1:0", 2, "a")]
    [InlineData("a:Succeeded:n1:0,b:Failed:n1:0,c:Succeeded:n1:0", 1, "a,b")]
    [InlineData("a:Succeeded:n1:0,b:Failed:n1:0,c:Succeeded:n1:0", 3, "")]
    [InlineData("a:Succeeded:n1:0,b:Failed:n1:0,c:Succeeded:n1:0", 0, "")]  // zero turns it off
    [InlineData("a:Running:n1:0,b:Succeeded:n1:0,c:Running:n1:0", 0, "")]
    [InlineData("a:Running:n1:0,b:Succeeded:n1:0,c:Failed:n1:0", 1, "b")]   // running pods do not count
    public void The_oldest_terminated_pods_beyond_the_threshold_go(string pods, int threshold, string expected)
    {
        var plan = PodGcPlanner.Plan(Pods(pods), Nodes("n1"), threshold);

        Assert.Equal(expected, string.Join(',', plan.Terminated.Select(p => p.Metadata.Name)));
    }

    [Theory]
    [InlineData("a:Running:n1:0,b:Running:gone:0,c:Pending:gone:1,d:Running:other:0", "gone=b,c;other=d")]
    [InlineData("a:Running:n1:0,b:Pending::0", "")]
    public void Pods_on_missing_nodes_are_candidates_grouped_by_node(string pods, string expected)
    {
        var plan = PodGcPlanner.Plan(Pods(pods), Nodes("n1"), 100);

        Assert.Equal(expected, string.Join(';', plan.OrphansByNode.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => kv.Key + "=" + string.Join(',', kv.Value.Select(p => p.Metadata.Name)))));
    }

    [Theory]
    [InlineData("a:Pending::1,b:Pending::0,c:Running:n1:1", "a")]
    [InlineData("a:Pending::0", "")]
    public void Terminating_pods_never_scheduled_go(string pods, string expected)
    {
        var plan = PodGcPlanner.Plan(Pods(pods), Nodes("n1"), 100);

        Assert.Equal(expected, string.Join(',', plan.UnscheduledTerminating.Select(p => p.Metadata.Name)));
    }

    [Theory]
    [InlineData("False", true, true)]
    [InlineData("Unknown", true, true)]
    [InlineData("True", true, false)]
    [InlineData("False", false, false)]
    public void Terminating_pods_on_out_of_service_nodes_go(string ready, bool tainted, bool expected)
    {
        var nodes = Nodes("n1");
        nodes["n1"].Status = new V1NodeStatus { Conditions = [new V1NodeCondition { Type = "Ready", Status = ready }] };
        nodes["n1"].Spec = new V1NodeSpec { Taints = tainted ? [new V1Taint { Key = PodGcPlanner.OutOfServiceTaint, Effect = "NoExecute" }] : null };

        var plan = PodGcPlanner.Plan(Pods("a:Running:n1:1,b:Running:n1:0"), nodes, 100);

        Assert.Equal(expected ? "a" : "", string.Join(',', plan.TerminatingOutOfService.Select(p => p.Metadata.Name)));
    }
}
