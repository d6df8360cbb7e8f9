using k8s;

namespace Orchestrator.E2E.Tests.Containers;

[Collection(ContainerdCollection.Name)]
public sealed class KubeletRestartTests(ContainerdCluster cluster)
{
    [Fact]
    public async Task A_killed_and_restarted_kubelet_adopts_the_running_containers()
    {
        var ns = await cluster.NamespaceAsync("adopt");
        await cluster.Apply(ns, Manifests.Httpd("web", replicas: 2));
        await cluster.Eventually(async () => (await cluster.Client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "app=web")).Items.Count(ContainerdCluster.IsRunning) == 2, TimeSpan.FromSeconds(60), "two running pods");
        var before = (await cluster.Client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "app=web")).Items
            .ToDictionary(p => p.Metadata.Name, p => p.Status.ContainerStatuses[0].ContainerID);

        await cluster.Kubelet.KillAsync(); // kill -9: containers keep running under containerd
        await cluster.StartKubeletAsync();
        await Task.Delay(TimeSpan.FromSeconds(3)); // a few syncs of the restarted kubelet

        var after = (await cluster.Client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "app=web")).Items;
        Assert.Equal(2, after.Count);
        foreach (var pod in after)
        {
            Assert.True(ContainerdCluster.IsRunning(pod));
            Assert.Equal(before[pod.Metadata.Name], pod.Status.ContainerStatuses[0].ContainerID);
            Assert.Equal(0, pod.Status.ContainerStatuses[0].RestartCount);
        }

        var containers = await cluster.ContainersAsync();
        foreach (var name in before.Keys)
        {
            Assert.Single(containers, c => c.StartsWith(name + "/", StringComparison.Ordinal));
        }
    }
}
