using k8s.Models;
using Orchestrator.Host.Explain;
using static Orchestrator.Orchestrator.Tests.Explain.ExplainObjects;

namespace Orchestrator.Orchestrator.Tests.Explain;

/// <summary>Why a pod has no node: per-node reasons with amounts, grouped, and the scheduler's own words.</summary>
public sealed class SchedulingAnalysisTests
{
    [Fact]
    public void Insufficient_cpu_names_the_request_and_the_largest_free_amount()
    {
        var busy = Pod("busy", node: "node-a", phase: "Running", cpu: "3800m");
        var facts = Facts(Pod(cpu: "500m"), nodes: [Node("node-a"), Node("node-b", cpu: "200m"), Node("gpu", taints: new V1Taint { Key = "node-role.kubernetes.io/gpu", Effect = "NoSchedule" })], bound: [busy],
            events: [Event("FailedScheduling", "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/gpu: }, 2 Insufficient cpu. preemption: …", count: 4)]);
        var finding = Assert.Single(PodExplainer.Analyse(facts));
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Equal("0/3 nodes fit: 2 insufficient cpu; 1 untolerated taint node-role.kubernetes.io/gpu:NoSchedule", finding.Details[0]);
        Assert.Contains("  cpu: the pod asks 500m, the largest free is 4 on gpu", finding.Details);
        Assert.Contains(finding.Details, d => d.StartsWith("scheduler (10s ago, 4 times): 0/3 nodes are available:", StringComparison.Ordinal));
        Assert.Contains("lower the pod's resources.requests", finding.Advice, StringComparison.Ordinal);
        Assert.Contains("toleration", finding.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public void Free_cpu_subtracts_the_requests_of_pods_already_there()
    {
        var facts = Facts(Pod(cpu: "2"), nodes: [Node("node-a", cpu: "2")], bound: [Pod("busy", node: "node-a", phase: "Running", cpu: "1800m"), Pod("done", node: "node-a", phase: "Succeeded", cpu: "2")]);
        var finding = Assert.Single(PodExplainer.Analyse(facts));
        Assert.Contains("  cpu: the pod asks 2, the largest free is 200m on node-a", finding.Details);
    }

    [Fact]
    public void A_node_selector_nobody_matches_is_named()
    {
        var pod = Pod();
        pod.Spec.NodeSelector = new Dictionary<string, string> { ["disktype"] = "ssd", ["kubernetes.io/os"] = "linux" };
        var facts = Facts(pod, nodes: [Node("node-a", labels: new Dictionary<string, string> { ["kubernetes.io/os"] = "linux" })]);
        var finding = Assert.Single(PodExplainer.Analyse(facts));
        Assert.Equal("0/1 nodes fit: 1 node selector/affinity mismatch", finding.Details[0]);
        Assert.Equal("  nodeSelector disktype=ssd: no node has this label", finding.Details[1]);
        Assert.Contains("kubectl label node", finding.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public void No_nodes_at_all()
    {
        var finding = Assert.Single(PodExplainer.Analyse(Facts(Pod(), nodes: [])));
        Assert.Equal("no node is registered", finding.Details[0]);
        Assert.Contains("start a node", finding.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public void Reasons_only_the_scheduler_knows_come_from_its_event()
    {
        var facts = Facts(Pod(), events: [Event("FailedScheduling", "0/1 nodes are available: 1 node(s) cannot run image r/x:1: os windows needed. preemption: …")]);
        var finding = Assert.Single(PodExplainer.Analyse(facts));
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Contains("multi-platform image", finding.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_yet_scheduled_without_any_reason_points_at_the_scheduler()
    {
        var pod = Pod();
        pod.Spec.SchedulerName = "my-scheduler";
        var finding = Assert.Single(PodExplainer.Analyse(Facts(pod)));
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("scheduler \"my-scheduler\" (spec.schedulerName)", finding.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public void Scheduled_pods_have_no_scheduling_findings()
    {
        var pod = Pod(node: "node-a", phase: "Running");
        pod.Status.Conditions = [new V1PodCondition { Type = "Ready", Status = "True" }];
        Assert.Empty(PodExplainer.Analyse(Facts(pod, events: [Event("FailedScheduling", "old")])));
        Assert.Contains("Running and Ready: nothing to explain.", PodExplainer.Format(Facts(pod)), StringComparison.Ordinal);
    }
}
