using Orchestrator.Kubelet.Cri;
using Orchestrator.Kubelet.Cri.Api;

namespace Orchestrator.ApiServer.Tests.Streaming;

/// <summary>
/// A pod run straight through CRI (no kubelet): a sandbox named after the pod, whose hostname is
/// the pod name, and one busybox container running <paramref name="command"/>. Disposing removes both.
/// </summary>
internal sealed class CriBusyboxPod : IAsyncDisposable
{
    private CriBusyboxPod(CriClient cri, string name, string sandboxId, string containerId, string logPath)
    {
        Cri = cri;
        Name = name;
        SandboxId = sandboxId;
        ContainerId = containerId;
        LogPath = logPath;
    }

    public const string Namespace = "default";

    public const string Container = "app";

    public CriClient Cri { get; }

    public string Name { get; }

    public string SandboxId { get; }

    public string ContainerId { get; }

    public string LogPath { get; }

    public static async Task<CriBusyboxPod> StartAsync(ContainerdFixture containerd, string name, params string[] command)
    {
        var cri = CriClient.Connect(containerd.Endpoint);
        var uid = Guid.NewGuid().ToString();
        var namespaces = new NamespaceOption { Network = NamespaceMode.Pod, Pid = NamespaceMode.Container, Ipc = NamespaceMode.Pod };
        var sandboxConfig = new PodSandboxConfig
        {
            Metadata = new PodSandboxMetadata { Name = name, Uid = uid, Namespace = Namespace },
            Hostname = name,
            LogDirectory = Path.Combine(containerd.StateDir, "pods", $"{Namespace}_{name}_{uid}"),
            Linux = new LinuxPodSandboxConfig
            {
                CgroupParent = $"{containerd.CgroupParent}/pod{uid}",
                SecurityContext = new LinuxSandboxSecurityContext { NamespaceOptions = namespaces },
            },
        };
        var sandbox = await cri.Runtime.RunPodSandboxAsync(new RunPodSandboxRequest { Config = sandboxConfig });
        var created = await cri.Runtime.CreateContainerAsync(new CreateContainerRequest
        {
            PodSandboxId = sandbox.PodSandboxId,
            SandboxConfig = sandboxConfig,
            Config = new ContainerConfig
            {
                Metadata = new ContainerMetadata { Name = Container },
                Image = new ImageSpec { Image = containerd.BusyboxImage },
                Command = { command },
                LogPath = $"{Container}/0.log",
                Linux = new LinuxContainerConfig { SecurityContext = new LinuxContainerSecurityContext { NamespaceOptions = namespaces } },
            },
        });
        await cri.Runtime.StartContainerAsync(new StartContainerRequest { ContainerId = created.ContainerId });
        return new CriBusyboxPod(cri, name, sandbox.PodSandboxId, created.ContainerId, Path.Combine(sandboxConfig.LogDirectory, Container, "0.log"));
    }

    /// <summary>The CRI streaming URL for running <paramref name="command"/> in the container.</summary>
    public async Task<Uri> ExecUrlAsync(IReadOnlyList<string> command, bool stdin, bool tty = false)
    {
        var response = await Cri.Runtime.ExecAsync(new Orchestrator.Kubelet.Cri.Api.ExecRequest
        {
            ContainerId = ContainerId,
            Cmd = { command },
            Stdin = stdin,
            Stdout = true,
            Stderr = !tty,
            Tty = tty,
        });
        return new Uri(response.Url);
    }

    public async ValueTask DisposeAsync()
    {
        await Cri.Runtime.StopContainerAsync(new StopContainerRequest { ContainerId = ContainerId, Timeout = 0 });
        await Cri.Runtime.RemoveContainerAsync(new RemoveContainerRequest { ContainerId = ContainerId });
        await Cri.Runtime.StopPodSandboxAsync(new StopPodSandboxRequest { PodSandboxId = SandboxId });
        await Cri.Runtime.RemovePodSandboxAsync(new RemovePodSandboxRequest { PodSandboxId = SandboxId });
        Cri.Dispose();
    }
}
