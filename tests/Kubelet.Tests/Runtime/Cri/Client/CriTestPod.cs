using Orchestrator.Kubelet.Runtime.Cri.Client;
using Orchestrator.Kubelet.Runtime.Cri.Api;
using Orchestrator.Testing;
using Orchestrator.Kubelet.Runtime.Cri;

namespace Orchestrator.Kubelet.Tests.Runtime.Cri.Client;

/// <summary>A pod sandbox on the test containerd, in the kubelet's layout; disposing removes its containers and the sandbox.</summary>
internal sealed class CriTestPod : IAsyncDisposable
{
    private readonly CriClient _cri;

    private CriTestPod(CriClient cri, string id, PodSandboxConfig config, string ip)
    {
        _cri = cri;
        Id = id;
        Config = config;
        Ip = ip;
    }

    public string Id { get; }

    public PodSandboxConfig Config { get; }

    public string Ip { get; }

    public static async Task<CriTestPod> RunAsync(CriClient cri, ContainerdFixture fixture, string name)
    {
        var uid = Guid.NewGuid().ToString();
        var config = new PodSandboxConfig
        {
            Metadata = new PodSandboxMetadata { Name = name, Uid = uid, Namespace = "default" },
            Hostname = name,
            LogDirectory = Path.Combine(fixture.StateDir, "logs", "pods", $"default_{name}_{uid}"),
            Labels = { [CriLabels.PodName] = name, [CriLabels.PodNamespace] = "default", [CriLabels.PodUid] = uid },
            Linux = new LinuxPodSandboxConfig
            {
                CgroupParent = $"{fixture.CgroupParent}/pod{uid}",
                SecurityContext = new LinuxSandboxSecurityContext { NamespaceOptions = PodNamespaces() },
            },
        };
        var id = (await cri.Runtime.RunPodSandboxAsync(new RunPodSandboxRequest { Config = config })).PodSandboxId;
        var status = await cri.Runtime.PodSandboxStatusAsync(new PodSandboxStatusRequest { PodSandboxId = id });
        return new CriTestPod(cri, id, config, status.Status.Network.Ip);
    }

    /// <summary>Creates and starts a busybox container running <paramref name="command"/>.</summary>
    public async Task<string> StartAsync(string name, string image, params string[] command)
    {
        var config = new ContainerConfig
        {
            Metadata = new ContainerMetadata { Name = name },
            Image = new ImageSpec { Image = image },
            LogPath = $"{name}/0.log",
            Labels = { [CriLabels.ContainerName] = name, [CriLabels.PodUid] = Config.Metadata.Uid },
            Linux = new LinuxContainerConfig
            {
                SecurityContext = new LinuxContainerSecurityContext
                {
                    NamespaceOptions = PodNamespaces(),
                    Seccomp = new SecurityProfile { ProfileType = SecurityProfile.Types.ProfileType.RuntimeDefault },
                },
            },
        };
        config.Command.AddRange(command);
        var id = (await _cri.Runtime.CreateContainerAsync(new CreateContainerRequest { PodSandboxId = Id, Config = config, SandboxConfig = Config })).ContainerId;
        await _cri.Runtime.StartContainerAsync(new StartContainerRequest { ContainerId = id });
        return id;
    }

    /// <summary>Polls ContainerStatus until <paramref name="done"/> holds (or 10 s pass).</summary>
    public async Task<ContainerStatus> WaitAsync(string containerId, Func<ContainerStatus, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var status = (await _cri.Runtime.ContainerStatusAsync(new ContainerStatusRequest { ContainerId = containerId })).Status;
            if (done(status) || DateTime.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        var containers = await _cri.Runtime.ListContainersAsync(new ListContainersRequest { Filter = new ContainerFilter { PodSandboxId = Id } });
        foreach (var container in containers.Containers)
        {
            await _cri.Runtime.StopContainerAsync(new StopContainerRequest { ContainerId = container.Id, Timeout = 0 });
            await _cri.Runtime.RemoveContainerAsync(new RemoveContainerRequest { ContainerId = container.Id });
        }

        await _cri.Runtime.StopPodSandboxAsync(new StopPodSandboxRequest { PodSandboxId = Id });
        await _cri.Runtime.RemovePodSandboxAsync(new RemovePodSandboxRequest { PodSandboxId = Id });
    }

    private static NamespaceOption PodNamespaces() => new() { Network = NamespaceMode.Pod, Pid = NamespaceMode.Container, Ipc = NamespaceMode.Pod };
}
