using k8s;
using k8s.Models;
using Orchestrator.ControllerManager.Controllers.Deployment;
using Orchestrator.ControllerManager.Controllers.ReplicaSet;

namespace Orchestrator.ControllerManager.Tests.Controllers.Deployment;

public sealed class DeploymentControllerIntegrationTests
{
    [Fact]
    public async Task A_new_deployment_gets_a_hashed_replica_set_pods_and_a_complete_status()
    {
        await using var harness = await StartAsync();
        var client = harness.Client;
        await client.AppsV1.CreateNamespacedDeploymentAsync(NewDeployment(3, "nginx:1"), "default");

        await harness.EventuallyAsync(() => harness.ActivePodsAsync(), p => p.Count == 3, "3 pods");
        await harness.MakeAllReadyAsync();
        var d = await harness.EventuallyAsync(ReadAsync(client), x => x.Status?.AvailableReplicas == 3 && Progressing(x)?.Reason == "NewReplicaSetAvailable", "a complete rollout");

        var rs = Assert.Single((await client.AppsV1.ListNamespacedReplicaSetAsync("default")).Items);
        var hash = rs.Metadata.Labels["pod-template-hash"];
        Assert.Equal("web-" + hash, rs.Metadata.Name);
        Assert.Equal(hash, rs.Spec.Selector.MatchLabels["pod-template-hash"]);
        Assert.Equal(hash, rs.Spec.Template.Metadata.Labels["pod-template-hash"]);
        Assert.Equal(("1", "3", "4"), (rs.Metadata.Annotations["deployment.kubernetes.io/revision"], rs.Metadata.Annotations["deployment.kubernetes.io/desired-replicas"], rs.Metadata.Annotations["deployment.kubernetes.io/max-replicas"]));
        Assert.Equal(("Deployment", "web", true), (rs.Metadata.OwnerReferences[0].Kind, rs.Metadata.OwnerReferences[0].Name, rs.Metadata.OwnerReferences[0].Controller == true));
        Assert.All(await harness.ActivePodsAsync(), p => Assert.Equal(hash, p.Metadata.Labels["pod-template-hash"]));

        Assert.Equal((3, 3, 3, 3, 1L), (d.Status.Replicas ?? 0, d.Status.UpdatedReplicas ?? 0, d.Status.ReadyReplicas ?? 0, d.Status.AvailableReplicas ?? 0, d.Status.ObservedGeneration ?? 0));
        Assert.Equal($"ReplicaSet \"{rs.Metadata.Name}\" has successfully progressed.", Progressing(d)!.Message);
        var available = d.Status.Conditions.Single(c => c.Type == "Available");
        Assert.Equal(("True", "MinimumReplicasAvailable", "Deployment has minimum availability."), (available.Status, available.Reason, available.Message));
        await harness.EventuallyAsync(ReadAsync(client), x => x.Metadata.Annotations?.TryGetValue("deployment.kubernetes.io/revision", out var r) == true && r == "1", "the deployment's revision");
        var scaled = await harness.EventuallyAsync(() => harness.EventsAsync("ScalingReplicaSet"), e => e.Count > 0, "a ScalingReplicaSet event");
        Assert.Equal($"Scaled up replica set {rs.Metadata.Name} from 0 to 3", scaled[0].Message);
    }

    [Fact]
    public async Task A_template_change_rolls_out_within_max_surge_and_max_unavailable()
    {
        await using var harness = await StartAsync();
        var client = harness.Client;
        await client.AppsV1.CreateNamespacedDeploymentAsync(NewDeployment(3, "nginx:1"), "default");
        await harness.EventuallyAsync(() => harness.ActivePodsAsync(), p => p.Count == 3, "3 pods");
        await harness.MakeAllReadyAsync();
        await harness.EventuallyAsync(ReadAsync(client), x => x.Status?.AvailableReplicas == 3 && Progressing(x)?.Reason == "NewReplicaSetAvailable", "the first rollout");

        await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"c","image":"nginx:2"}]}}}}""", V1Patch.PatchType.StrategicMergePatch), "web", "default");

        // 3 replicas, 25%/25%: maxSurge 1 (rounded up), maxUnavailable 0 (rounded down).
        var deadline = DateTime.UtcNow.AddSeconds(9);
        while (true)
        {
            var replicaSets = (await client.AppsV1.ListNamespacedReplicaSetAsync("default")).Items;
            Assert.True(replicaSets.Sum(r => r.Spec.Replicas ?? 0) <= 4, "more than replicas + maxSurge pods wanted");
            var pods = await harness.ActivePodsAsync();
            Assert.True(pods.Count <= 4, $"{pods.Count} pods exceed replicas + maxSurge");
            var ready = pods.Count(p => p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true);
            Assert.True(ready >= 3, $"only {ready} ready pods: below replicas - maxUnavailable");
            var d = await client.AppsV1.ReadNamespacedDeploymentAsync("web", "default");
            if (d.Status?.UpdatedReplicas == 3 && d.Status.Replicas == 3 && d.Status.AvailableReplicas == 3 && Progressing(d)?.Reason == "NewReplicaSetAvailable" && d.Status.ObservedGeneration == d.Metadata.Generation)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "the rollout did not finish");
            await harness.MakeAllReadyAsync();
            await Task.Delay(50);
        }

        var all = (await client.AppsV1.ListNamespacedReplicaSetAsync("default")).Items;
        var newRs = all.Single(r => r.Spec.Template.Spec.Containers[0].Image == "nginx:2");
        var oldRs = all.Single(r => r.Spec.Template.Spec.Containers[0].Image == "nginx:1");
        Assert.Equal((3, 0), (newRs.Spec.Replicas, oldRs.Spec.Replicas));
        Assert.Equal(("2", "1"), (newRs.Metadata.Annotations["deployment.kubernetes.io/revision"], oldRs.Metadata.Annotations["deployment.kubernetes.io/revision"]));
        Assert.All(await harness.ActivePodsAsync(), p => Assert.Equal("nginx:2", p.Spec.Containers[0].Image));

        // Undo, as kubectl does it: the old template goes back into the deployment and its ReplicaSet becomes revision 3.
        await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"c","image":"nginx:1"}]}}}}""", V1Patch.PatchType.StrategicMergePatch), "web", "default");
        var rolledBack = await harness.EventuallyAsync(
            () => client.AppsV1.ReadNamespacedReplicaSetAsync(oldRs.Metadata.Name, "default"),
            r => r.Metadata.Annotations["deployment.kubernetes.io/revision"] == "3",
            "the old ReplicaSet to become revision 3");
        Assert.Equal("1", rolledBack.Metadata.Annotations["deployment.kubernetes.io/revision-history"]);
        Assert.Equal(2, (await client.AppsV1.ListNamespacedReplicaSetAsync("default")).Items.Count);
    }

    [Fact]
    public async Task Scaling_and_pod_deletion_converge()
    {
        await using var harness = await StartAsync();
        var client = harness.Client;
        await client.AppsV1.CreateNamespacedDeploymentAsync(NewDeployment(2, "nginx:1"), "default");
        var pods = await harness.EventuallyAsync(() => harness.ActivePodsAsync(), p => p.Count == 2, "2 pods");

        await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"replicas":4}}""", V1Patch.PatchType.MergePatch), "web", "default");
        await harness.EventuallyAsync(() => harness.ActivePodsAsync(), p => p.Count == 4, "4 pods");
        var rs = Assert.Single((await client.AppsV1.ListNamespacedReplicaSetAsync("default")).Items);
        Assert.Equal("4", rs.Metadata.Annotations["deployment.kubernetes.io/desired-replicas"]);

        await client.CoreV1.DeleteNamespacedPodAsync(pods[0].Metadata.Name, "default");
        await harness.EventuallyAsync(() => harness.ActivePodsAsync(), p => p.Count == 4 && p.All(x => x.Metadata.Name != pods[0].Metadata.Name), "a replacement pod");

        await harness.MakeAllReadyAsync();
        var d = await harness.EventuallyAsync(ReadAsync(client), x => x.Status?.AvailableReplicas == 4 && x.Status.ObservedGeneration == x.Metadata.Generation, "4 available");
        Assert.Equal(0, d.Status.UnavailableReplicas ?? 0);
    }

    [Fact]
    public async Task Recreate_removes_every_old_pod_before_creating_new_ones()
    {
        await using var harness = await StartAsync();
        var client = harness.Client;
        var deployment = NewDeployment(2, "nginx:1");
        deployment.Spec.Strategy = new V1DeploymentStrategy { Type = "Recreate" };
        await client.AppsV1.CreateNamespacedDeploymentAsync(deployment, "default");
        await harness.EventuallyAsync(() => harness.ActivePodsAsync(), p => p.Count == 2, "2 pods");
        await harness.MakeAllReadyAsync();

        await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"c","image":"nginx:2"}]}}}}""", V1Patch.PatchType.StrategicMergePatch), "web", "default");

        var deadline = DateTime.UtcNow.AddSeconds(9);
        while (true)
        {
            var images = (await harness.ActivePodsAsync()).Select(p => p.Spec.Containers[0].Image).ToList();
            Assert.False(images.Contains("nginx:1") && images.Contains("nginx:2"), "old and new pods ran together");
            if (images.Count == 2 && images.All(i => i == "nginx:2"))
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "the Recreate rollout did not finish");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_paused_deployment_does_not_roll_out_until_resumed()
    {
        await using var harness = await StartAsync();
        var client = harness.Client;
        await client.AppsV1.CreateNamespacedDeploymentAsync(NewDeployment(1, "nginx:1"), "default");
        await harness.EventuallyAsync(() => harness.ActivePodsAsync(), p => p.Count == 1, "1 pod");

        await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"paused":true}}""", V1Patch.PatchType.MergePatch), "web", "default");
        await harness.EventuallyAsync(ReadAsync(client), x => Progressing(x)?.Reason == "DeploymentPaused", "the paused condition");
        await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"c","image":"nginx:2"}]}}}}""", V1Patch.PatchType.StrategicMergePatch), "web", "default");
        await harness.EventuallyAsync(ReadAsync(client), x => x.Status?.ObservedGeneration == x.Metadata.Generation, "the template change observed");
        Assert.Single((await client.AppsV1.ListNamespacedReplicaSetAsync("default")).Items);
        Assert.Equal(("Unknown", "Deployment is paused"), (Progressing(await client.AppsV1.ReadNamespacedDeploymentAsync("web", "default"))!.Status, Progressing(await client.AppsV1.ReadNamespacedDeploymentAsync("web", "default"))!.Message));

        await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"paused":false}}""", V1Patch.PatchType.MergePatch), "web", "default");
        await harness.EventuallyAsync(
            async () => (await client.AppsV1.ListNamespacedReplicaSetAsync("default")).Items,
            items => items.Count == 2,
            "the new ReplicaSet after resuming");
    }

    [Fact]
    public async Task A_rollout_without_progress_past_its_deadline_reports_progress_deadline_exceeded()
    {
        await using var harness = await StartAsync();
        var client = harness.Client;
        var deployment = NewDeployment(1, "nginx:1");
        deployment.Spec.ProgressDeadlineSeconds = 1;
        await client.AppsV1.CreateNamespacedDeploymentAsync(deployment, "default");

        // No pod ever becomes ready.
        var d = await harness.EventuallyAsync(ReadAsync(client), x => Progressing(x)?.Reason == "ProgressDeadlineExceeded", "the deadline to pass", TimeSpan.FromSeconds(9));

        var rs = Assert.Single((await client.AppsV1.ListNamespacedReplicaSetAsync("default")).Items);
        Assert.Equal(("False", $"ReplicaSet \"{rs.Metadata.Name}\" has timed out progressing."), (Progressing(d)!.Status, Progressing(d)!.Message));
        Assert.Equal("False", d.Status.Conditions.Single(c => c.Type == "Available").Status);
    }

    private static Task<ControllerHarness> StartAsync() =>
        ControllerHarness.StartAsync(c => new ReplicaSetController(c), c => new DeploymentController(c));

    private static Func<Task<V1Deployment>> ReadAsync(IKubernetes client) => () => client.AppsV1.ReadNamespacedDeploymentAsync("web", "default");

    private static V1DeploymentCondition? Progressing(V1Deployment d) => d.Status?.Conditions?.FirstOrDefault(c => c.Type == "Progressing");

    private static V1Deployment NewDeployment(int replicas, string image) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web" },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = image }] },
            },
        },
    };
}
