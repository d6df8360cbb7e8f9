using System.Diagnostics;
using Orchestrator.Kubelet.Runtime.Cri.Client;
using Orchestrator.Kubelet.Runtime.Cri.Api;
using Orchestrator.Testing;

namespace Orchestrator.Bench.Pods;

/// <summary>
/// The baseline: what the runtime itself takes to start a pod — CRI RunPodSandbox + CreateContainer
/// + StartContainer of a busybox `sleep`, one pod at a time, straight over the socket.
/// </summary>
internal static class RawCriStartup
{
    public static async Task<Percentiles> RunAsync(ContainerdFixture containerd, int pods)
    {
        using var cri = CriClient.Connect(containerd.Endpoint);
        var times = new List<double>();
        var logs = Directory.CreateTempSubdirectory("bench-raw-cri-").FullName;
        for (var i = 0; i < pods; i++)
        {
            var sandbox = new PodSandboxConfig
            {
                Metadata = new PodSandboxMetadata { Name = $"raw-{i}", Namespace = "bench", Uid = Guid.NewGuid().ToString(), Attempt = 0 },
                Hostname = $"raw-{i}",
                LogDirectory = Path.Combine(logs, $"raw-{i}"),
                Linux = new LinuxPodSandboxConfig { CgroupParent = $"{containerd.CgroupParent}/podraw{i}" },
            };
            var container = new ContainerConfig
            {
                Metadata = new ContainerMetadata { Name = "main" },
                Image = new ImageSpec { Image = containerd.BusyboxImage },
                LogPath = "main/0.log",
            };
            container.Command.AddRange(["sleep", "3600"]);
            var clock = Stopwatch.StartNew();
            var id = (await cri.Runtime.RunPodSandboxAsync(new RunPodSandboxRequest { Config = sandbox })).PodSandboxId;
            var containerId = (await cri.Runtime.CreateContainerAsync(new CreateContainerRequest { PodSandboxId = id, Config = container, SandboxConfig = sandbox })).ContainerId;
            await cri.Runtime.StartContainerAsync(new StartContainerRequest { ContainerId = containerId });
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        // Tear the baseline's pods down before the measured run, so both start from an empty node.
        foreach (var sandbox in (await cri.Runtime.ListPodSandboxAsync(new ListPodSandboxRequest())).Items)
        {
            await cri.Runtime.StopPodSandboxAsync(new StopPodSandboxRequest { PodSandboxId = sandbox.Id });
            await cri.Runtime.RemovePodSandboxAsync(new RemovePodSandboxRequest { PodSandboxId = sandbox.Id });
        }

        Directory.Delete(logs, recursive: true);
        return Percentiles.Of(times);
    }
}
