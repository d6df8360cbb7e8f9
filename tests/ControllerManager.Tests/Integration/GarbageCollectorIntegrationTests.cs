using k8s;
using k8s.Models;
using Orchestrator.ControllerManager.Controllers.GarbageCollector;

namespace Orchestrator.ControllerManager.Tests.Integration;

public sealed class GarbageCollectorIntegrationTests
{
    private static async Task<V1ConfigMap> OwnerAsync(IKubernetes client, string name) =>
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name } }, "default");

    private static Task<V1Secret> DependentAsync(IKubernetes client, string name, V1ConfigMap owner, bool block = true) =>
        client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = owner.Metadata.Name, Uid = owner.Metadata.Uid, BlockOwnerDeletion = block }],
            },
        }, "default");

    [Fact]
    public async Task Background_deletion_of_an_owner_removes_its_dependents()
    {
        await using var harness = await ControllerHarness.StartAsync(c => [new GarbageCollectorController(c)]);
        var client = harness.Client;
        var owner = await OwnerAsync(client, "owner");
        await DependentAsync(client, "dep", owner);

        await client.CoreV1.DeleteNamespacedConfigMapAsync("owner", "default");

        await harness.EventuallyAsync(() => ControllerHarness.GoneAsync(() => client.CoreV1.ReadNamespacedSecretAsync("dep", "default")), "the dependent is collected");
    }

    [Fact]
    public async Task Foreground_deletion_removes_dependents_first_then_the_owner()
    {
        await using var harness = await ControllerHarness.StartAsync(c => [new GarbageCollectorController(c)]);
        var client = harness.Client;
        var owner = await OwnerAsync(client, "fg-owner");
        await DependentAsync(client, "fg-dep-1", owner);
        await DependentAsync(client, "fg-dep-2", owner, block: false);
        // A second, live owner keeps this one: it only loses its reference to the deleted owner.
        var other = await OwnerAsync(client, "other");
        var shared = await DependentAsync(client, "fg-shared", owner);
        shared.Metadata.OwnerReferences.Add(new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "other", Uid = other.Metadata.Uid });
        await client.CoreV1.ReplaceNamespacedSecretAsync(shared, "fg-shared", "default");

        await client.CoreV1.DeleteNamespacedConfigMapAsync("fg-owner", "default", new V1DeleteOptions { PropagationPolicy = "Foreground" });

        await harness.EventuallyAsync(() => ControllerHarness.GoneAsync(() => client.CoreV1.ReadNamespacedConfigMapAsync("fg-owner", "default")), "the owner is deleted");
        Assert.True(await ControllerHarness.GoneAsync(() => client.CoreV1.ReadNamespacedSecretAsync("fg-dep-1", "default")));
        Assert.True(await ControllerHarness.GoneAsync(() => client.CoreV1.ReadNamespacedSecretAsync("fg-dep-2", "default")));
        var kept = await client.CoreV1.ReadNamespacedSecretAsync("fg-shared", "default");
        Assert.Equal("other", Assert.Single(kept.Metadata.OwnerReferences).Name);
    }

    [Fact]
    public async Task Orphan_deletion_keeps_dependents_without_the_reference()
    {
        await using var harness = await ControllerHarness.StartAsync(c => [new GarbageCollectorController(c)]);
        var client = harness.Client;
        var owner = await OwnerAsync(client, "orphan-owner");
        await DependentAsync(client, "orphan-dep", owner);

        await client.CoreV1.DeleteNamespacedConfigMapAsync("orphan-owner", "default", new V1DeleteOptions { PropagationPolicy = "Orphan" });

        await harness.EventuallyAsync(() => ControllerHarness.GoneAsync(() => client.CoreV1.ReadNamespacedConfigMapAsync("orphan-owner", "default")), "the owner is deleted");
        var dependent = await client.CoreV1.ReadNamespacedSecretAsync("orphan-dep", "default");
        Assert.Empty(dependent.Metadata.OwnerReferences ?? []);
    }

    [Fact]
    public async Task An_object_whose_owner_never_existed_is_collected_and_one_with_a_live_owner_is_kept()
    {
        await using var harness = await ControllerHarness.StartAsync(c => [new GarbageCollectorController(c)]);
        var client = harness.Client;
        var owner = await OwnerAsync(client, "alive");
        await DependentAsync(client, "kept", owner);
        var ghost = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "ghost", Uid = "00000000-0000-0000-0000-000000000001" } };
        await DependentAsync(client, "stray", ghost);

        await harness.EventuallyAsync(() => ControllerHarness.GoneAsync(() => client.CoreV1.ReadNamespacedSecretAsync("stray", "default")), "the stray object is collected");
        Assert.NotNull(await client.CoreV1.ReadNamespacedSecretAsync("kept", "default"));
    }

    [Fact]
    public async Task Foreground_deletion_of_a_replicaset_removes_its_pods_first()
    {
        await using var harness = await ControllerHarness.StartAsync(c => [new GarbageCollectorController(c)]);
        var client = harness.Client;
        var labels = new Dictionary<string, string> { ["app"] = "gc" };
        var rs = await client.AppsV1.CreateNamespacedReplicaSetAsync(new V1ReplicaSet
        {
            Metadata = new V1ObjectMeta { Name = "gc-rs" },
            Spec = new V1ReplicaSetSpec
            {
                Replicas = 0,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "busybox" }] },
                },
            },
        }, "default");
        foreach (var name in new[] { "gc-pod-1", "gc-pod-2" })
        {
            await client.CoreV1.CreateNamespacedPodAsync(new V1Pod
            {
                Metadata = new V1ObjectMeta
                {
                    Name = name,
                    Labels = labels,
                    OwnerReferences = [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "gc-rs", Uid = rs.Metadata.Uid, Controller = true, BlockOwnerDeletion = true }],
                },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "busybox" }] },
            }, "default");
        }

        await client.AppsV1.DeleteNamespacedReplicaSetAsync("gc-rs", "default", new V1DeleteOptions { PropagationPolicy = "Foreground" });

        await harness.EventuallyAsync(() => ControllerHarness.GoneAsync(() => client.AppsV1.ReadNamespacedReplicaSetAsync("gc-rs", "default")), "the replicaset is deleted");
        Assert.True(await ControllerHarness.GoneAsync(() => client.CoreV1.ReadNamespacedPodAsync("gc-pod-1", "default")));
        Assert.True(await ControllerHarness.GoneAsync(() => client.CoreV1.ReadNamespacedPodAsync("gc-pod-2", "default")));
    }
}
