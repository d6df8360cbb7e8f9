using k8s;
using k8s.Models;

namespace Orchestrator.E2E.Tests.Cluster;

/// <summary>Cordon and drain move pods away from a node (own cluster: it changes nodes).</summary>
public sealed class CordonDrainTests(HollowCluster cluster) : IClassFixture<HollowCluster>
{
    [Fact]
    public async Task Cordon_and_drain_move_pods_to_other_nodes()
    {
        using var kubectl = cluster.Kubectl();
        var ns = await cluster.NamespaceAsync("drain");
        await cluster.Apply(kubectl, ns, WorkloadTests.Deployment("web", "registry.local/nginx", replicas: 3));
        await cluster.Eventually(async () => (await Pods.Running(cluster.Client, ns, "app=web")).Count == 3, TimeSpan.FromSeconds(60), "3 running pods");
        var node = (await Pods.Running(cluster.Client, ns, "app=web"))[0].Spec.NodeName;

        var cordoned = await cluster.Ok(kubectl, "cordon", node);
        Assert.Equal($"node/{node} cordoned\n", cordoned.Stdout);
        var drained = await kubectl.RunAsync("drain", node, "--ignore-daemonsets", "--delete-emptydir-data", "--timeout=90s");
        Assert.True(drained.ExitCode == 0, drained.ToString());
        Assert.Contains($"evicting pod {ns}/web-", drained.Stderr + drained.Stdout, StringComparison.Ordinal);
        Assert.Contains($"node/{node} drained", drained.Stdout, StringComparison.Ordinal);

        await cluster.Eventually(async () => (await Pods.Running(cluster.Client, ns, "app=web")) is { Count: 3 } pods && pods.All(p => p.Spec.NodeName != node), TimeSpan.FromSeconds(60), "3 pods off the drained node");
        var table = await cluster.Ok(kubectl, "get", "node", node);
        Assert.Matches($@"{node}\s+Ready,SchedulingDisabled", table.Stdout);
        var uncordoned = await cluster.Ok(kubectl, "uncordon", node);
        Assert.Equal($"node/{node} uncordoned\n", uncordoned.Stdout);
    }
}

/// <summary>A tainted node takes no pod without a toleration (own cluster: it changes nodes).</summary>
public sealed class TaintTests(HollowCluster cluster) : IClassFixture<HollowCluster>
{
    [Fact]
    public async Task Tainted_node_gets_no_pods_without_a_toleration()
    {
        using var kubectl = cluster.Kubectl();
        var ns = await cluster.NamespaceAsync("taint");
        var tainted = await cluster.Ok(kubectl, "taint", "nodes", "hollow-node-0", "dedicated=infra:NoSchedule");
        Assert.Equal("node/hollow-node-0 tainted\n", tainted.Stdout);

        await cluster.Apply(kubectl, ns, Pinned(tolerate: false));
        await cluster.Eventually(
            async () => (await cluster.Client.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: "reason=FailedScheduling")).Items.Any(),
            TimeSpan.FromSeconds(30),
            "a FailedScheduling event");
        var failed = (await cluster.Client.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: "reason=FailedScheduling")).Items[0];
        Assert.Contains("0/3 nodes are available:", failed.Message, StringComparison.Ordinal);
        Assert.Contains("1 node(s) had untolerated taint {dedicated: infra}", failed.Message, StringComparison.Ordinal);
        Assert.Contains("2 node(s) didn't match Pod's node affinity/selector", failed.Message, StringComparison.Ordinal);
        var pending = await cluster.Ok(kubectl, "get", "pods", "-n", ns);
        Assert.Matches(@"pinned\S*\s+0/1\s+Pending", pending.Stdout);
        var described = await cluster.Ok(kubectl, "describe", "pod", "-n", ns, "-l", "app=pinned");
        Assert.Contains("FailedScheduling", described.Stdout, StringComparison.Ordinal);

        await cluster.Apply(kubectl, ns, Pinned(tolerate: true));
        await cluster.Eventually(async () => (await Pods.Running(cluster.Client, ns, "app=pinned")) is { Count: 1 } pods && pods[0].Spec.NodeName == "hollow-node-0", TimeSpan.FromSeconds(60), "the tolerating pod running on the tainted node");
        var untainted = await cluster.Ok(kubectl, "taint", "nodes", "hollow-node-0", "dedicated=infra:NoSchedule-");
        Assert.Equal("node/hollow-node-0 untainted\n", untainted.Stdout);
    }

    private static string Tolerations(bool tolerate) =>
        tolerate ? "tolerations: [{key: dedicated, operator: Equal, value: infra, effect: NoSchedule}]" : "tolerations: []";

    private static string Pinned(bool tolerate) => $$$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: pinned}
        spec:
          replicas: 1
          selector: {matchLabels: {app: pinned}}
          template:
            metadata: {labels: {app: pinned}}
            spec:
              nodeSelector: {kubernetes.io/hostname: hollow-node-0}
              {{{Tolerations(tolerate)}}}
              containers: [{name: app, image: registry.local/app}]
        """;
}

/// <summary>A node that stops heartbeating goes NotReady and its pods are replaced elsewhere.</summary>
public sealed class NodeFailureTests(HollowCluster cluster) : IClassFixture<HollowCluster>
{
    [Fact]
    public async Task Silent_node_goes_not_ready_and_its_pods_are_replaced_after_toleration_seconds()
    {
        using var kubectl = cluster.Kubectl();
        var ns = await cluster.NamespaceAsync("failure");
        await using var lonely = await ComponentProcess.StartAsync("kubelet", "--kubeconfig", cluster.Server.Kubeconfig, "--nodes", "1", "--name-prefix", "lonely-", "--first-index", "10", "--node-lease-duration-seconds", "4");
        await cluster.Eventually(async () => await Nodes.IsReady(cluster.Client, "lonely-10") == "True", TimeSpan.FromSeconds(30), "lonely-10 Ready");
        await cluster.Apply(kubectl, ns, """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: fragile}
            spec:
              replicas: 1
              selector: {matchLabels: {app: fragile}}
              template:
                metadata: {labels: {app: fragile}}
                spec:
                  affinity:
                    nodeAffinity:
                      preferredDuringSchedulingIgnoredDuringExecution:
                      - weight: 100
                        preference: {matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [lonely-10]}]}
                  tolerations:
                  - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 2}
                  - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 2}
                  containers: [{name: app, image: registry.local/app}]
            """);
        await cluster.Eventually(async () => (await Pods.Running(cluster.Client, ns, "app=fragile")) is { Count: 1 } pods && pods[0].Spec.NodeName == "lonely-10", TimeSpan.FromSeconds(60), "the pod running on lonely-10");

        await lonely.KillAsync();
        await cluster.Eventually(async () => await Nodes.IsReady(cluster.Client, "lonely-10") == "Unknown", TimeSpan.FromSeconds(60), "lonely-10 Ready=Unknown");
        var table = await cluster.Ok(kubectl, "get", "node", "lonely-10");
        Assert.Matches(@"lonely-10\s+NotReady", table.Stdout);
        var node = await cluster.Client.CoreV1.ReadNodeAsync("lonely-10");
        Assert.Contains(node.Spec.Taints, t => t.Key == "node.kubernetes.io/unreachable" && t.Effect == "NoExecute");

        await cluster.Eventually(async () => (await Pods.Running(cluster.Client, ns, "app=fragile")).Any(p => p.Spec.NodeName != "lonely-10"), TimeSpan.FromSeconds(60), "a replacement pod on another node");
    }
}

/// <summary>A DaemonSet has one pod per node and follows a new node.</summary>
public sealed class DaemonSetTests(HollowCluster cluster) : IClassFixture<HollowCluster>
{
    [Fact]
    public async Task DaemonSet_runs_one_pod_per_node_and_follows_a_new_node()
    {
        using var kubectl = cluster.Kubectl();
        var ns = await cluster.NamespaceAsync("ds");
        await cluster.Apply(kubectl, ns, """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent}
            spec:
              selector: {matchLabels: {app: agent}}
              template:
                metadata: {labels: {app: agent}}
                spec:
                  containers: [{name: agent, image: registry.local/agent}]
            """);
        await cluster.Eventually(async () => (await Pods.Running(cluster.Client, ns, "app=agent")).Select(p => p.Spec.NodeName).Distinct().Count() == 3, TimeSpan.FromSeconds(60), "an agent pod on each of 3 nodes");

        await using var extra = await ComponentProcess.StartAsync("kubelet", "--kubeconfig", cluster.Server.Kubeconfig, "--nodes", "1", "--name-prefix", "extra-", "--first-index", "20", "--node-lease-duration-seconds", "4");
        await cluster.Eventually(async () => (await Pods.Running(cluster.Client, ns, "app=agent")).Any(p => p.Spec.NodeName == "extra-20"), TimeSpan.FromSeconds(60), "an agent pod on the new node");
        var pods = await Pods.Running(cluster.Client, ns, "app=agent");
        Assert.Equal(4, pods.Count);
        var table = await cluster.Ok(kubectl, "get", "daemonset", "agent", "-n", ns);
        Assert.Matches(@"agent\s+4\s+4\s+4\s+4\s+4", table.Stdout);
    }
}

internal static class Pods
{
    public static async Task<List<V1Pod>> Running(IKubernetes client, string ns, string selector) =>
        [.. (await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: selector)).Items.Where(p => p.Status?.Phase == "Running" && p.Metadata.DeletionTimestamp is null)];
}

internal static class Nodes
{
    public static async Task<string?> IsReady(IKubernetes client, string name)
    {
        try
        {
            var node = await client.CoreV1.ReadNodeAsync(name);
            return node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status;
        }
        catch (k8s.Autorest.HttpOperationException)
        {
            return null;
        }
    }
}
