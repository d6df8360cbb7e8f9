using k8s;
using k8s.Models;
using Orchestrator.E2E.Tests.Cluster;

namespace Orchestrator.E2E.Tests.Storage;

/// <summary>
/// Static and pending storage on the hollow cluster (`orchestrator up --hollow-nodes 3`), driven by kubectl 1.33:
/// the binder, the protection finalizers and the scheduler's VolumeBinding plugin as a user sees them.
/// </summary>
public sealed class VolumeBindingTests(HollowCluster cluster) : IClassFixture<HollowCluster>
{
    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_pod_with_a_claim_on_a_static_local_volume_lands_on_the_volumes_node()
    {
        using var kubectl = cluster.Kubectl();
        var ns = await cluster.NamespaceAsync("local-pv");
        var suffix = ns[^6..];
        await cluster.Apply(kubectl, ns, $"""
            apiVersion: storage.k8s.io/v1
            kind: StorageClass
            metadata:
              name: local-{suffix}
            provisioner: kubernetes.io/no-provisioner
            volumeBindingMode: WaitForFirstConsumer
            ---
            apiVersion: v1
            kind: PersistentVolume
            metadata:
              name: local-{suffix}
            spec:
              capacity:
                storage: 1Gi
              accessModes: [ReadWriteOnce]
              persistentVolumeReclaimPolicy: Retain
              storageClassName: local-{suffix}
              local:
                path: /mnt/disks/{suffix}
              nodeAffinity:
                required:
                  nodeSelectorTerms:
                  - matchExpressions:
                    - key: kubernetes.io/hostname
                      operator: In
                      values: [hollow-node-1]
            ---
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata:
              name: data
            spec:
              accessModes: [ReadWriteOnce]
              storageClassName: local-{suffix}
              resources:
                requests:
                  storage: 512Mi
            """);

        // Nobody uses the claim yet: WaitForFirstConsumer keeps it Pending.
        await cluster.Eventually(async () => (await Events(ns, "data")).Any(e => e.Reason == "WaitForFirstConsumer"), Converge, "a WaitForFirstConsumer event on the claim");
        Assert.Equal("Pending", (await cluster.Client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("data", ns)).Status.Phase);

        await cluster.Apply(kubectl, ns, """
            apiVersion: v1
            kind: Pod
            metadata:
              name: app
            spec:
              containers:
              - name: app
                image: registry.local/nginx:1.0
                volumeMounts:
                - name: data
                  mountPath: /data
              volumes:
              - name: data
                persistentVolumeClaim:
                  claimName: data
            """);

        await cluster.Eventually(async () => (await cluster.Client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("data", ns)).Status?.Phase == "Bound", Converge, "the claim to be Bound");
        await cluster.Eventually(async () => !string.IsNullOrEmpty((await cluster.Client.CoreV1.ReadNamespacedPodAsync("app", ns)).Spec.NodeName), Converge, "the pod to be scheduled");
        Assert.Equal("hollow-node-1", (await cluster.Client.CoreV1.ReadNamespacedPodAsync("app", ns)).Spec.NodeName);
        var table = await cluster.Ok(kubectl, "get", "pvc", "data", "-n", ns);
        Assert.Matches($@"data\s+Bound\s+local-{suffix}\s+1Gi\s+RWO\s+local-{suffix}", table.Stdout);
        var volume = await cluster.Client.CoreV1.ReadPersistentVolumeAsync($"local-{suffix}");
        Assert.Equal("Bound", volume.Status.Phase);
        Assert.Contains("kubernetes.io/pv-protection", volume.Metadata.Finalizers);

        // A second pod wanting another such volume finds none on any node.
        await cluster.Apply(kubectl, ns, $"""
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata:
              name: more
            spec:
              accessModes: [ReadWriteOnce]
              storageClassName: local-{suffix}
              resources:
                requests:
                  storage: 1Gi
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: wants-more
            spec:
              containers:
              - name: app
                image: registry.local/nginx:1.0
              volumes:
              - name: data
                persistentVolumeClaim:
                  claimName: more
            """);
        await cluster.Eventually(
            async () => (await Events(ns, "wants-more")).Any(e => e.Reason == "FailedScheduling" && e.Message.Contains("3 node(s) didn't find available persistent volumes to bind", StringComparison.Ordinal)),
            Converge, "a FailedScheduling event naming the missing volumes");

        await cluster.Ok(kubectl, "delete", "namespace", ns, "--wait=false");
        await cluster.Ok(kubectl, "delete", "pv", $"local-{suffix}", "--wait=false");
    }

    [Fact]
    public async Task A_claim_of_a_class_nobody_provisions_stays_Pending_and_describe_shows_upstreams_event()
    {
        using var kubectl = cluster.Kubectl();
        var ns = await cluster.NamespaceAsync("nobody");
        var suffix = ns[^6..];
        await cluster.Apply(kubectl, ns, $"""
            apiVersion: storage.k8s.io/v1
            kind: StorageClass
            metadata:
              name: nobody-{suffix}
            provisioner: example.com/nobody
            ---
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata:
              name: data
            spec:
              accessModes: [ReadWriteOnce]
              storageClassName: nobody-{suffix}
              resources:
                requests:
                  storage: 1Gi
            """);

        await cluster.Eventually(async () => (await Events(ns, "data")).Any(e => e.Reason == "ExternalProvisioning"), Converge, "an ExternalProvisioning event");
        var described = await cluster.Ok(kubectl, "describe", "pvc", "data", "-n", ns);
        Assert.Matches(@"Status:\s+Pending", described.Stdout);
        Assert.Contains("ExternalProvisioning", described.Stdout, StringComparison.Ordinal);
        Assert.Contains("Waiting for a volume to be created either by the external provisioner 'example.com/nobody' or manually by the system administrator.", described.Stdout, StringComparison.Ordinal);
        var claim = await cluster.Client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("data", ns);
        Assert.Equal("example.com/nobody", claim.Metadata.Annotations["volume.kubernetes.io/storage-provisioner"]);
        Assert.Contains("kubernetes.io/pvc-protection", claim.Metadata.Finalizers);

        await cluster.Ok(kubectl, "delete", "namespace", ns, "--wait=false");
    }

    private async Task<IReadOnlyList<Corev1Event>> Events(string ns, string name) =>
        [.. (await cluster.Client.CoreV1.ListNamespacedEventAsync(ns)).Items.Where(e => e.InvolvedObject.Name == name)];
}
