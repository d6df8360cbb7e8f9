using k8s;
using k8s.Models;
using Orchestrator.ControllerManager.Controllers.ReplicaSet;

namespace Orchestrator.ControllerManager.Tests.Controllers.ReplicaSet;

public sealed class ReplicaSetControllerIntegrationTests
{
    [Fact]
    public async Task Creates_pods_reports_status_and_replaces_deleted_pods()
    {
        await using var harness = await ControllerHarness.StartAsync(c => new ReplicaSetController(c));
        var client = harness.Client;
        var rs = await client.AppsV1.CreateNamespacedReplicaSetAsync(NewReplicaSet("web", 3), "default");

        var pods = await harness.EventuallyAsync(() => harness.ActivePodsAsync(), p => p.Count == 3, "3 pods");
        Assert.All(pods, pod =>
        {
            Assert.StartsWith("web-", pod.Metadata.Name, StringComparison.Ordinal);
            Assert.Equal("web-", pod.Metadata.GenerateName);
            Assert.Equal("web", pod.Metadata.Labels["app"]);
            var owner = Assert.Single(pod.Metadata.OwnerReferences);
            Assert.Equal(("ReplicaSet", "web", rs.Metadata.Uid, true, true), (owner.Kind, owner.Name, owner.Uid, owner.Controller, owner.BlockOwnerDeletion));
        });

        await harness.MakeAllReadyAsync();
        var status = await harness.EventuallyAsync(
            () => client.AppsV1.ReadNamespacedReplicaSetAsync("web", "default"),
            r => r.Status?.AvailableReplicas == 3,
            "3 available replicas");
        Assert.Equal((3, 3, 3, 1L), (status.Status.Replicas, status.Status.ReadyReplicas ?? 0, status.Status.FullyLabeledReplicas ?? 0, status.Status.ObservedGeneration ?? 0));

        await client.CoreV1.DeleteNamespacedPodAsync(pods[0].Metadata.Name, "default");
        var replaced = await harness.EventuallyAsync(
            () => harness.ActivePodsAsync(),
            p => p.Count == 3 && p.All(x => x.Metadata.Name != pods[0].Metadata.Name),
            "a replacement pod");
        Assert.Equal(3, replaced.Count);

        var created = await harness.EventuallyAsync(() => harness.EventsAsync("SuccessfulCreate"), e => e.Count >= 4, "SuccessfulCreate events");
        Assert.All(created, e => Assert.StartsWith("Created pod: web-", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Scales_down_to_the_new_count_and_never_over_creates()
    {
        await using var harness = await ControllerHarness.StartAsync(c => new ReplicaSetController(c));
        var client = harness.Client;
        await client.AppsV1.CreateNamespacedReplicaSetAsync(NewReplicaSet("web", 5), "default");
        await harness.EventuallyAsync(() => harness.ActivePodsAsync(), p => p.Count == 5, "5 pods");

        await client.AppsV1.PatchNamespacedReplicaSetAsync(new V1Patch("""{"spec":{"replicas":2}}""", V1Patch.PatchType.MergePatch), "web", "default");

        await harness.EventuallyAsync(() => harness.ActivePodsAsync(), p => p.Count == 2, "2 pods");
        await Task.Delay(300);
        Assert.Equal(2, (await harness.ActivePodsAsync()).Count);
        var deleted = await harness.EventuallyAsync(() => harness.EventsAsync("SuccessfulDelete"), e => e.Count == 3, "SuccessfulDelete events");
        Assert.All(deleted, e => Assert.StartsWith("Deleted pod: web-", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Adopts_matching_orphans_and_releases_relabelled_pods()
    {
        await using var harness = await ControllerHarness.StartAsync(c => new ReplicaSetController(c));
        var client = harness.Client;
        var orphan = await client.CoreV1.CreateNamespacedPodAsync(
            new V1Pod { Metadata = new V1ObjectMeta { Name = "orphan", Labels = new Dictionary<string, string> { ["app"] = "web" } }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "nginx" }] } },
            "default");
        var rs = await client.AppsV1.CreateNamespacedReplicaSetAsync(NewReplicaSet("web", 2), "default");

        var adopted = await harness.EventuallyAsync(
            () => client.CoreV1.ReadNamespacedPodAsync("orphan", "default"),
            p => p.Metadata.OwnerReferences?.Any(o => o.Uid == rs.Metadata.Uid && o.Controller == true) == true,
            "the orphan adopted");
        Assert.NotNull(adopted);
        await harness.EventuallyAsync(() => harness.ActivePodsAsync(), p => p.Count == 2, "2 pods (one adopted)");

        await client.CoreV1.PatchNamespacedPodAsync(new V1Patch("""{"metadata":{"labels":{"app":"debug"}}}""", V1Patch.PatchType.MergePatch), "orphan", "default");

        await harness.EventuallyAsync(
            () => client.CoreV1.ReadNamespacedPodAsync("orphan", "default"),
            p => p.Metadata.OwnerReferences is null or { Count: 0 },
            "the relabelled pod released");
        await harness.EventuallyAsync(() => harness.ActivePodsAsync(), p => p.Count == 2, "a replacement for the released pod");
        Assert.Equal("orphan", orphan.Metadata.Name);
    }

    private static V1ReplicaSet NewReplicaSet(string name, int replicas) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1ReplicaSetSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "nginx" }] },
            },
        },
    };
}
