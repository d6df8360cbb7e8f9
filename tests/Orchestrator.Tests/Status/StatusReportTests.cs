using k8s.Models;
using Orchestrator.Host.Status;

namespace Orchestrator.Orchestrator.Tests.Status;

/// <summary>`status` text and health verdict from crafted objects.</summary>
public sealed class StatusReportTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_healthy_cluster_lists_components_nodes_and_pods()
    {
        var status = Status(
            [Lease("kube-system", "kube-scheduler", "up_1", 5), Lease("kube-system", "kube-controller-manager", "up_2", 3)],
            [Node("node-a", ready: true, "control-plane")],
            [Pod("default", "web-1", "node-a", "Running", ready: true), Pod("kube-system", "dns", "node-a", "Running", ready: true), Pod("default", "job", "node-a", "Succeeded", ready: false)]);
        var text = StatusReport.Format(status).ReplaceLineEndings("\n");
        Assert.Empty(StatusReport.Problems(status));
        Assert.Contains("Server:   https://10.0.0.1:6443 (version v1.33.0-orchestrator; client 1.0.0)", text, StringComparison.Ordinal);
        Assert.Contains("API:      ready\n", text, StringComparison.Ordinal);
        Assert.Contains("scheduler: healthy (leader up_1, renewed 5s ago)", text, StringComparison.Ordinal);
        Assert.Contains("controller manager: healthy (leader up_2, renewed 3s ago)", text, StringComparison.Ordinal);
        Assert.Contains("  NAME     READY   ROLES           OS/ARCH       VERSION   PODS    LEASE RENEWED\n", text, StringComparison.Ordinal);
        Assert.Contains("  node-a   Ready   control-plane   linux/amd64   v1.33.0   2/110   4s ago\n", text, StringComparison.Ordinal);
        Assert.Contains("Pods:     3 in 2 namespace(s): 2 Running, 1 Succeeded\n", text, StringComparison.Ordinal);
        Assert.EndsWith("Healthy.\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Expired_leases_missing_components_and_NotReady_nodes_are_named()
    {
        var status = Status(
            [Lease("kube-system", "kube-scheduler", "old", 600)],
            [Node("node-b", ready: false)],
            [Pod("default", "stuck", null, "Pending", ready: false)]);
        var problems = StatusReport.Problems(status);
        Assert.Equal(
            ["scheduler: leader old stopped renewing 10m ago", "controller manager: no leader Lease in kube-system (not running?)", "node node-b is not Ready"],
            problems);
        var text = StatusReport.Format(status);
        Assert.Contains("not ready: default/stuck", text, StringComparison.Ordinal);
        Assert.Contains("Unhealthy: scheduler: leader old stopped renewing 10m ago;", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_api_server_that_is_not_ready_is_unhealthy()
    {
        var status = Status([], [], []) with { Readyz = new HealthAnswer(500, "[-]etcd failed\nreadyz check failed") };
        Assert.Contains("the API server is not ready (/readyz 500)", StatusReport.Problems(status));
        Assert.Contains("API:      NOT READY (/readyz 500: [-]etcd failed)", StatusReport.Format(status), StringComparison.Ordinal);
        Assert.Contains("none registered: pods cannot run", StatusReport.Format(status), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(42, "42s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData(3 * 86400, "3d")]
    [InlineData(330, "5m30s")]
    public void Ages_read_like_kubectls(int seconds, string expected)
    {
        Assert.Equal(expected, StatusReport.Age(Now.AddSeconds(-seconds).UtcDateTime, Now));
    }

    private static ClusterStatus Status(IReadOnlyList<V1Lease> components, IReadOnlyList<V1Node> nodes, IReadOnlyList<V1Pod> pods) =>
        new(new Uri("https://10.0.0.1:6443"), "v1.33.0-orchestrator", "1.0.0", new HealthAnswer(200, "ok"), components,
            nodes.Select(n => Lease("kube-node-lease", n.Metadata.Name, n.Metadata.Name, 4)).ToList(), nodes, pods, Now);

    private static V1Lease Lease(string ns, string name, string holder, int renewedSecondsAgo) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new V1LeaseSpec { HolderIdentity = holder, LeaseDurationSeconds = 15, RenewTime = Now.AddSeconds(-renewedSecondsAgo).UtcDateTime },
    };

    private static V1Node Node(string name, bool ready, string? role = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = role is null ? null : new Dictionary<string, string> { ["node-role.kubernetes.io/" + role] = "" } },
        Status = new V1NodeStatus
        {
            Conditions = [new V1NodeCondition { Type = "Ready", Status = ready ? "True" : "Unknown" }],
            NodeInfo = new V1NodeSystemInfo { OperatingSystem = "linux", Architecture = "amd64", KubeletVersion = "v1.33.0" },
            Allocatable = new Dictionary<string, ResourceQuantity> { ["pods"] = new("110") },
        },
    };

    private static V1Pod Pod(string ns, string name, string? node, string phase, bool ready) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new V1PodSpec { NodeName = node, Containers = [new V1Container { Name = "c" }] },
        Status = new V1PodStatus { Phase = phase, Conditions = [new V1PodCondition { Type = "Ready", Status = ready ? "True" : "False" }] },
    };
}
