using k8s;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests.Containers;

/// <summary>
/// An autoscaling/v2 HPA (cpu at 50 % of the request) on a real containerd node with metrics.k8s.io: a Deployment
/// whose pod burns CPU (capped at 300m by its limit, so the shared machine is spared) is scaled from 1 to its maximum
/// of 2, <c>kubectl get hpa</c> shows the utilization in TARGETS, and once the pods stop burning it is scaled back to 1
/// after a 5 s scale-down stabilization window.
/// </summary>
[Collection(ContainerdCollection.Name)]
public sealed class HorizontalPodAutoscalerTests(ContainerdCluster cluster)
{
    [Fact]
    public async Task An_hpa_scales_a_cpu_burning_deployment_up_and_back_down()
    {
        var ns = await cluster.NamespaceAsync("hpa");
        await cluster.Apply(ns, $$"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: burn
            spec:
              replicas: 1
              selector:
                matchLabels:
                  app: burn
              template:
                metadata:
                  labels:
                    app: burn
                spec:
                  terminationGracePeriodSeconds: 0
                  containers:
                  - name: burn
                    image: {{Manifests.Image}}
                    command: ["sh", "-c", "while [ ! -f /tmp/stop ]; do :; done; exec sleep 3600"]
                    resources:
                      requests:
                        cpu: 100m
                      limits:
                        cpu: 300m
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata:
              name: burn
            spec:
              scaleTargetRef:
                apiVersion: apps/v1
                kind: Deployment
                name: burn
              minReplicas: 1
              maxReplicas: 2
              metrics:
              - type: Resource
                resource:
                  name: cpu
                  target:
                    type: Utilization
                    averageUtilization: 50
              behavior:
                scaleDown:
                  stabilizationWindowSeconds: 5
            """);
        using var kubectl = cluster.Kubectl();

        await cluster.Eventually(async () => await ReplicasAsync(ns) == 2, TimeSpan.FromSeconds(120), "the HPA to scale the burning deployment to 2");
        var targets = await TargetsAsync(kubectl, ns);
        Assert.Matches(@"^cpu: \d+%/50%$", targets);

        // Both pods running, then told to stop burning: utilization falls far below the target.
        await cluster.Eventually(async () => (await RunningPodsAsync(ns)).Count == 2, TimeSpan.FromSeconds(60), "both pods running");
        foreach (var pod in await RunningPodsAsync(ns))
        {
            await cluster.Ok(kubectl, "exec", "-n", ns, pod, "--", "touch", "/tmp/stop");
        }

        await cluster.Eventually(async () => await ReplicasAsync(ns) == 1, TimeSpan.FromSeconds(120), "the HPA to scale the idle deployment back to 1");
        var events = (await cluster.Client.CoreV1.ListNamespacedEventAsync(ns)).Items.Where(e => e.Reason == "SuccessfulRescale").Select(e => e.Message).ToList();
        Assert.Contains("New size: 2; reason: cpu resource utilization (percentage of request) above target", events);
        Assert.Contains("New size: 1; reason: All metrics below target", events);
    }

    private async Task<int?> ReplicasAsync(string ns) =>
        (await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync("burn", ns)).Spec.Replicas;

    private async Task<List<string>> RunningPodsAsync(string ns) =>
        [.. (await cluster.Client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "app=burn")).Items
            .Where(p => p.Metadata.DeletionTimestamp is null && ContainerdCluster.IsRunning(p)).Select(p => p.Metadata.Name)];

    /// <summary>The TARGETS cell of <c>kubectl get hpa burn</c>.</summary>
    private async Task<string> TargetsAsync(Kubectl kubectl, string ns)
    {
        var table = await cluster.Ok(kubectl, "get", "hpa", "burn", "-n", ns);
        var lines = table.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0];
        var start = header.IndexOf("TARGETS", StringComparison.Ordinal);
        var end = header.IndexOf("MINPODS", StringComparison.Ordinal);
        return lines[1][start..end].Trim();
    }
}
