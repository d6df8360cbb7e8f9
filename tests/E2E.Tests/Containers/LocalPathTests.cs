using k8s;
using k8s.Models;

namespace Orchestrator.E2E.Tests.Containers;

/// <summary>
/// Dynamic local storage on a real node: a StatefulSet's claim template gets claims from the default class
/// local-path (DefaultStorageClass admission), the scheduler selects the node, the node's provisioner makes the
/// directory and volume, the binder binds, the kubelet mounts it; a re-created pod sees the same data; releasing
/// the claims removes a Delete volume with its directory and keeps a Retain one.
/// </summary>
[Collection(ContainerdCollection.Name)]
public sealed class LocalPathTests(ContainerdCluster cluster)
{
    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_StatefulSet_keeps_its_data_across_pod_restarts_and_Delete_or_Retain_decide_what_release_leaves()
    {
        var ns = await cluster.NamespaceAsync("local-path");
        await cluster.Apply(ns, $$$"""
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: web}
            spec:
              serviceName: web
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: main
                    image: {{{Manifests.Image}}}
                    imagePullPolicy: IfNotPresent
                    command: ["sh", "-c", "echo boot >> /data/boots; [ -f /data/hello ] || echo \"$HOSTNAME $RANDOM$RANDOM\" > /data/hello; exec sleep 3600"]
                    volumeMounts: [{name: data, mountPath: /data}]
              volumeClaimTemplates:
              - metadata: {name: data}
                spec:
                  accessModes: [ReadWriteOnce]
                  resources: {requests: {storage: 16Mi}}
            """);

        var first = await PodAsync(ns, "web-0", ContainerdCluster.IsRunning, "running with its claim");
        await PodAsync(ns, "web-1", ContainerdCluster.IsRunning, "running with its claim");
        var claim = await cluster.Client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("data-web-0", ns);
        Assert.Equal(("Bound", "local-path", "pvc-" + claim.Metadata.Uid), (claim.Status.Phase, claim.Spec.StorageClassName, claim.Spec.VolumeName));
        var volume = await cluster.Client.CoreV1.ReadPersistentVolumeAsync(claim.Spec.VolumeName);
        var directory = volume.Spec.HostPath.Path;
        Assert.EndsWith($"/storage/{volume.Metadata.Name}_{ns}_data-web-0", directory, StringComparison.Ordinal);
        var hello = await File.ReadAllTextAsync(Path.Join(directory, "hello"));
        Assert.StartsWith("web-0 ", hello, StringComparison.Ordinal);

        await cluster.Client.CoreV1.DeleteNamespacedPodAsync("web-0", ns);
        await PodAsync(ns, "web-0", p => p.Metadata.Uid != first.Metadata.Uid && ContainerdCluster.IsRunning(p), "re-created and running");
        await cluster.Eventually(async () => (await File.ReadAllLinesAsync(Path.Join(directory, "boots"))).Length == 2, Converge, "the second pod's boot line in the same volume");
        Assert.Equal(hello, await File.ReadAllTextAsync(Path.Join(directory, "hello")));

        var kept = await cluster.Client.CoreV1.ReadPersistentVolumeAsync((await cluster.Client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("data-web-1", ns)).Spec.VolumeName);
        await cluster.Client.CoreV1.PatchPersistentVolumeAsync(new V1Patch("""{"spec":{"persistentVolumeReclaimPolicy":"Retain"}}""", V1Patch.PatchType.MergePatch), kept.Metadata.Name);
        await cluster.Client.AppsV1.DeleteNamespacedStatefulSetAsync("web", ns, propagationPolicy: "Foreground");
        await cluster.Client.CoreV1.DeleteNamespacedPersistentVolumeClaimAsync("data-web-0", ns);
        await cluster.Client.CoreV1.DeleteNamespacedPersistentVolumeClaimAsync("data-web-1", ns);

        await cluster.Eventually(async () => !(await cluster.Client.CoreV1.ListPersistentVolumeAsync()).Items.Any(v => v.Metadata.Name == volume.Metadata.Name), Converge, "the Delete volume to be deleted");
        Assert.False(Directory.Exists(directory));
        await cluster.Eventually(async () => (await cluster.Client.CoreV1.ReadPersistentVolumeAsync(kept.Metadata.Name)).Status?.Phase == "Released", Converge, "the Retain volume to be Released");
        Assert.True(File.Exists(Path.Join(kept.Spec.HostPath.Path, "hello")));
        await cluster.Client.CoreV1.DeletePersistentVolumeAsync(kept.Metadata.Name);
    }

    /// <summary>Waits for the pod (which the StatefulSet controller makes, so it may not exist yet) to satisfy <paramref name="condition"/>.</summary>
    private async Task<V1Pod> PodAsync(string ns, string name, Func<V1Pod, bool> condition, string what)
    {
        V1Pod? pod = null;
        await cluster.Eventually(async () =>
        {
            pod = (await cluster.Client.CoreV1.ListNamespacedPodAsync(ns, fieldSelector: "metadata.name=" + name)).Items.SingleOrDefault();
            return pod is not null && condition(pod);
        }, Converge, $"pod {ns}/{name}: {what}");
        return pod!;
    }
}
