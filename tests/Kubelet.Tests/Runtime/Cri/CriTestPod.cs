using Grpc.Core;
using Orchestrator.Kubelet.Runtime.Cri;
using Orchestrator.Kubelet.Runtime.Cri.Api;
using Orchestrator.Testing;

namespace Orchestrator.Kubelet.Tests.Runtime.Cri;

/// <summary>
/// A pod made directly through CRI on the test containerd, labelled and laid out as the kubelet does
/// (CriLabels on the sandbox and its containers; logs under
/// <c>&lt;root&gt;/logs/pods/&lt;ns&gt;_&lt;name&gt;_&lt;uid&gt;/&lt;container&gt;/&lt;attempt&gt;.log</c>).
/// Disposing removes its containers, its sandbox and its log directory.
/// </summary>
internal sealed class CriTestPod : IAsyncDisposable
{
    private readonly RuntimeService.RuntimeServiceClient _runtime;

    private CriTestPod(RuntimeService.RuntimeServiceClient runtime, PodSandboxConfig config, string sandboxId, string ip)
    {
        _runtime = runtime;
        Config = config;
        SandboxId = sandboxId;
        Ip = ip;
    }

    public PodSandboxConfig Config { get; }

    public string SandboxId { get; }

    /// <summary>The sandbox's pod IP, as containerd reported it once the sandbox ran.</summary>
    public string Ip { get; }

    public string Namespace => Config.Metadata.Namespace;

    public string Name => Config.Metadata.Name;

    public static async Task<CriTestPod> RunAsync(RuntimeService.RuntimeServiceClient runtime, ContainerdFixture fixture, string root, string ns, string name)
    {
        var uid = Guid.NewGuid().ToString();
        var config = new PodSandboxConfig
        {
            Metadata = new PodSandboxMetadata { Name = name, Namespace = ns, Uid = uid },
            Hostname = name,
            LogDirectory = Path.Combine(root, "logs", "pods", $"{ns}_{name}_{uid}"),
            Labels = { [CriLabels.PodNamespace] = ns, [CriLabels.PodName] = name, [CriLabels.PodUid] = uid },
            Linux = new LinuxPodSandboxConfig
            {
                CgroupParent = $"{fixture.CgroupParent}/pod{uid}",
                SecurityContext = new LinuxSandboxSecurityContext { NamespaceOptions = PodNamespaces() },
            },
        };
        var id = (await runtime.RunPodSandboxAsync(new RunPodSandboxRequest { Config = config })).PodSandboxId;
        var status = await runtime.PodSandboxStatusAsync(new PodSandboxStatusRequest { PodSandboxId = id });
        return new CriTestPod(runtime, config, id, status.Status.Network.Ip);
    }

    /// <summary>Creates and starts instance <paramref name="attempt"/> of a container running <paramref name="command"/>; returns its id.</summary>
    public Task<string> StartContainerAsync(string image, string name, uint attempt, params string[] command) =>
        StartContainerAsync(image, name, attempt, stdin: false, command);

    /// <summary>As above; with <paramref name="stdin"/> the container keeps a stdin open for attach (once).</summary>
    public async Task<string> StartContainerAsync(string image, string name, uint attempt, bool stdin, params string[] command)
    {
        var config = new ContainerConfig
        {
            Metadata = new ContainerMetadata { Name = name, Attempt = attempt },
            Image = new ImageSpec { Image = image },
            LogPath = $"{name}/{attempt}.log",
            Stdin = stdin,
            StdinOnce = stdin,
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
        foreach (var label in Config.Labels)
        {
            config.Labels.Add(label.Key, label.Value);
        }

        config.Labels.Add(CriLabels.ContainerName, name);
        var created = await _runtime.CreateContainerAsync(new CreateContainerRequest { PodSandboxId = SandboxId, Config = config, SandboxConfig = Config });
        await _runtime.StartContainerAsync(new StartContainerRequest { ContainerId = created.ContainerId });
        return created.ContainerId;
    }

    public async Task<ExecSyncResponse> ExecSyncAsync(string containerId, params string[] command)
    {
        var request = new ExecSyncRequest { ContainerId = containerId, Timeout = 10 };
        request.Cmd.AddRange(command);
        return await _runtime.ExecSyncAsync(request);
    }

    /// <summary>Polls ContainerStatus until <paramref name="done"/> holds or 10 s pass; returns the last status either way.</summary>
    public async Task<ContainerStatus> WaitAsync(string containerId, Func<ContainerStatus, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var status = (await _runtime.ContainerStatusAsync(new ContainerStatusRequest { ContainerId = containerId })).Status;
            if (done(status) || DateTime.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Polls the container's state until it has exited (a deadline, no fixed sleeps).</summary>
    public async Task WaitExitedAsync(string containerId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while ((await _runtime.ContainerStatusAsync(new ContainerStatusRequest { ContainerId = containerId })).Status.State != ContainerState.ContainerExited)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"container {containerId} did not exit within {timeout}");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        var filter = new ContainerFilter { PodSandboxId = SandboxId };
        var containers = await _runtime.ListContainersAsync(new ListContainersRequest { Filter = filter });
        foreach (var container in containers.Containers)
        {
            await StopContainerAsync(container.Id);
            await RemoveContainerAsync(container.Id);
        }

        await IgnoreNotFound(() => _runtime.StopPodSandboxAsync(new StopPodSandboxRequest { PodSandboxId = SandboxId }).ResponseAsync);
        await IgnoreNotFound(() => _runtime.RemovePodSandboxAsync(new RemovePodSandboxRequest { PodSandboxId = SandboxId }).ResponseAsync);
        if (Directory.Exists(Config.LogDirectory))
        {
            Directory.Delete(Config.LogDirectory, recursive: true);
        }
    }

    private static NamespaceOption PodNamespaces() => new() { Network = NamespaceMode.Pod, Pid = NamespaceMode.Container, Ipc = NamespaceMode.Pod };

    /// <summary>
    /// Stops a container for cleanup. A container whose process has just exited can make containerd
    /// answer "failed to kill container …: ttrpc: closed" while its shim goes away: try again briefly.
    /// </summary>
    private async Task StopContainerAsync(string id)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await IgnoreNotFound(() => _runtime.StopContainerAsync(new StopContainerRequest { ContainerId = id, Timeout = 0 }).ResponseAsync);
                return;
            }
            catch (RpcException e) when (attempt < 20 && e.Status.Detail.Contains("ttrpc: closed", StringComparison.Ordinal))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }
        }
    }

    /// <summary>
    /// Removes a stopped container. containerd records the task's exit from its event stream, so on a
    /// loaded machine a remove right after the stop can still find it "running": try again briefly.
    /// </summary>
    private async Task RemoveContainerAsync(string id)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await IgnoreNotFound(() => _runtime.RemoveContainerAsync(new RemoveContainerRequest { ContainerId = id }).ResponseAsync);
                return;
            }
            catch (RpcException e) when (attempt < 20 && e.Status.Detail.Contains("still running", StringComparison.Ordinal))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }
        }
    }

    private static async Task IgnoreNotFound<T>(Func<Task<T>> call)
    {
        try
        {
            await call();
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
        }
    }
}
