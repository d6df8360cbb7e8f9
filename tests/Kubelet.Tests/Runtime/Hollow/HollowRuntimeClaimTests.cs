using k8s.Models;
using Orchestrator.Kubelet.Runtime;
using Orchestrator.Kubelet.Runtime.Hollow;
using Orchestrator.Kubelet.Tests.Volumes;

namespace Orchestrator.Kubelet.Tests.Runtime.Hollow;

public sealed class HollowRuntimeClaimTests
{
    private static readonly NodeNetwork Node = new("n", "192.168.0.1", "10.0.0.0/24", () => []);

    [Fact]
    public async Task A_hollow_pod_waits_for_its_claim_to_be_bound_then_runs()
    {
        var claims = new FakePersistentVolumes();
        claims.Claim("data", "c1", volumeName: null);
        var runtime = new HollowRuntime(new HollowRuntimeOptions(), new FakeTimeProvider()) { Claims = claims };
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "db-0", NamespaceProperty = "ns", Uid = "u1" },
            Spec = new V1PodSpec
            {
                Containers = [new V1Container { Name = "db", VolumeMounts = [new V1VolumeMount { Name = "data", MountPath = "/data" }] }],
                Volumes = [new V1Volume { Name = "data", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = "data" } }],
            },
        };

        var waiting = await runtime.SyncAsync(pod, Node, default);
        claims.Claim("data", "c1", "pv-1");
        claims.Volume("pv-1", "c1", new V1PersistentVolumeSpec { HostPath = new V1HostPathVolumeSource { Path = "/nowhere" } });
        var running = await runtime.SyncAsync(pod, Node, default);

        Assert.Equal((ContainerRunState.Waiting, false, null), (waiting.Containers[0].State, waiting.SandboxReady, waiting.PodIp));
        Assert.Equal(TimeSpan.FromSeconds(2), waiting.NextChangeIn);
        Assert.Equal(ContainerRunState.Running, running.Containers[0].State);
        Assert.NotNull(running.PodIp);
        Assert.False(Directory.Exists("/nowhere"));
    }
}
