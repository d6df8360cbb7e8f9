using k8s;
using k8s.Models;

namespace Orchestrator.ApiServer.Tests.Streaming;

/// <summary>The API objects streaming needs: a Node publishing its kubelet (127.0.0.1:port) and a Pod bound to it.</summary>
internal static class StreamingObjects
{
    public static async Task CreateNodeAndPodAsync(IKubernetes client, string node, int kubeletPort, string pod, params string[] containers)
    {
        var created = await client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = node } });
        created.Status = new V1NodeStatus
        {
            Addresses = [new V1NodeAddress { Type = "Hostname", Address = node }, new V1NodeAddress { Type = "InternalIP", Address = "127.0.0.1" }],
            DaemonEndpoints = new V1NodeDaemonEndpoints { KubeletEndpoint = new V1DaemonEndpoint { Port = kubeletPort } },
        };
        await client.CoreV1.ReplaceNodeStatusAsync(created, node);
        var createdPod = await client.CoreV1.CreateNamespacedPodAsync(
            new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = pod },
                Spec = new V1PodSpec { NodeName = node, Containers = [.. containers.Select(c => new V1Container { Name = c, Image = "busybox" })] },
            },
            "default");

        // kubectl port-forward refuses pods that are not Running.
        createdPod.Status = new V1PodStatus { Phase = "Running" };
        await client.CoreV1.ReplaceNamespacedPodStatusAsync(createdPod, pod, "default");
    }
}
