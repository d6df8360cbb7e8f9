using k8s;
using k8s.Models;
using Orchestrator.ControllerManager.Controllers.StatefulSet;

namespace Orchestrator.ControllerManager.Tests.Controllers.StatefulSet;

public sealed class StatefulSetControllerTests
{
    private static V1StatefulSet Manifest(int replicas) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "StatefulSet",
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default" },
        Spec = new V1StatefulSetSpec
        {
            Replicas = replicas,
            ServiceName = "nginx",
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "nginx", Image = "nginx" }] },
            },
            VolumeClaimTemplates =
            [
                new V1PersistentVolumeClaim
                {
                    Metadata = new V1ObjectMeta { Name = "www" },
                    Spec = new V1PersistentVolumeClaimSpec
                    {
                        AccessModes = ["ReadWriteOnce"],
                        Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new("1Gi") } },
                    },
                },
            ],
        },
    };

    private static Task MarkReadyAsync(IKubernetes client, string pod) =>
        client.CoreV1.PatchNamespacedPodStatusAsync(
            new V1Patch("""{"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}""", V1Patch.PatchType.MergePatch), pod, "default");

    private static async Task<List<string>> PodNamesAsync(IKubernetes client) =>
        (await client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=web")).Items.Select(p => p.Metadata.Name).Order().ToList();

    [Fact]
    public async Task Creates_web_0_1_2_in_order_each_after_the_previous_is_ready()
    {
        await using var harness = await ControllerHarness.StartAsync(c => new StatefulSetController(c));
        var client = harness.Client;
        await client.AppsV1.CreateNamespacedStatefulSetAsync(Manifest(3), "default");

        for (var i = 0; i < 3; i++)
        {
            var name = "web-" + i;
            await harness.EventuallyAsync(async () => (await PodNamesAsync(client)).Contains(name), name + " to be created");
            var claim = await client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("www-" + name, "default");
            Assert.Equal("web", claim.Metadata.Labels["app"]);

            // Not ready yet: the next ordinal must not appear.
            await Task.Delay(300);
            Assert.Equal(Enumerable.Range(0, i + 1).Select(n => "web-" + n), await PodNamesAsync(client));

            var pod = await client.CoreV1.ReadNamespacedPodAsync(name, "default");
            Assert.Equal((name, "nginx"), (pod.Spec.Hostname, pod.Spec.Subdomain));
            Assert.Equal(name, pod.Metadata.Labels[StatefulPods.PodNameLabel]);
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), pod.Metadata.Labels[StatefulPods.PodIndexLabel]);
            await MarkReadyAsync(client, name);
        }

        await harness.EventuallyAsync(async () =>
        {
            var set = await client.AppsV1.ReadNamespacedStatefulSetStatusAsync("web", "default");
            return set.Status is { Replicas: 3, ReadyReplicas: 3, AvailableReplicas: 3, UpdatedReplicas: 3 } && set.Status.CurrentRevision == set.Status.UpdateRevision;
        }, "status to show three ready replicas");

        var revision = Assert.Single((await client.AppsV1.ListNamespacedControllerRevisionAsync("default")).Items);
        var status = (await client.AppsV1.ReadNamespacedStatefulSetStatusAsync("web", "default")).Status;
        Assert.Equal(revision.Metadata.Name, status.UpdateRevision);

        // Scale down removes the highest ordinal first.
        await client.AppsV1.PatchNamespacedStatefulSetScaleAsync(new V1Patch("""{"spec":{"replicas":1}}""", V1Patch.PatchType.MergePatch), "web", "default");
        await harness.EventuallyAsync(async () => (await PodNamesAsync(client)).SequenceEqual(["web-0"]), "scale down to web-0");
        Assert.Equal(3, (await client.CoreV1.ListNamespacedPersistentVolumeClaimAsync("default")).Items.Count);
    }
}
