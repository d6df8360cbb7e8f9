using Grpc.Core;
using Orchestrator.Kubelet.Runtime.Cri.Client;
using Orchestrator.Kubelet.Runtime.Cri.Api;
using Orchestrator.Testing;
using Orchestrator.Kubelet.Runtime.Cri;

namespace Orchestrator.Kubelet.Tests.Server;

/// <summary>
/// A pod made directly through CRI, labelled and laid out as the kubelet does (CriLabels on the
/// sandbox and its containers; logs under <c>&lt;root&gt;/logs/pods/&lt;ns&gt;_&lt;name&gt;_&lt;uid&gt;/&lt;container&gt;/&lt;attempt&gt;.log</c>).
/// Disposing removes its containers, its sandbox and its log directory.
/// </summary>
internal sealed class CriTestPod : IAsyncDisposable
{
    private readonly RuntimeService.RuntimeServiceClient _runtime;
    private readonly string _logDirectory;

    private CriTestPod(RuntimeService.RuntimeServiceClient runtime, PodSandboxConfig config, string sandboxId)
    {
        _runtime = runtime;
        Config = config;
        SandboxId = sandboxId;
        _logDirectory = config.LogDirectory;
    }

    public PodSandboxConfig Config { get; }

    public string SandboxId { get; }

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
            Linux = new LinuxPodSandboxConfig
            {
                CgroupParent = $"{fixture.CgroupParent}/pod{uid}",
                SecurityContext = new LinuxSandboxSecurityContext
                {
                    NamespaceOptions = new NamespaceOption { Network = NamespaceMode.Pod, Pid = NamespaceMode.Container, Ipc = NamespaceMode.Pod },
                },
            },
        };
        config.Labels.Add(CriLabels.PodNamespace, ns);
        config.Labels.Add(CriLabels.PodName, name);
        config.Labels.Add(CriLabels.PodUid, uid);
        var response = await runtime.RunPodSandboxAsync(new RunPodSandboxRequest { Config = config });
        return new CriTestPod(runtime, config, response.PodSandboxId);
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

            await Task.Delay(20);
        }
    }

    public async Task<string> IpAsync() =>
        (await _runtime.PodSandboxStatusAsync(new PodSandboxStatusRequest { PodSandboxId = SandboxId })).Status.Network.Ip;

    public async ValueTask DisposeAsync()
    {
        var filter = new ContainerFilter { PodSandboxId = SandboxId };
        var containers = await _runtime.ListContainersAsync(new ListContainersRequest { Filter = filter });
        foreach (var container in containers.Containers)
        {
            await IgnoreNotFound(() => _runtime.StopContainerAsync(new StopContainerRequest { ContainerId = container.Id, Timeout = 0 }).ResponseAsync);
            await RemoveContainerAsync(container.Id);
        }

        await IgnoreNotFound(() => _runtime.StopPodSandboxAsync(new StopPodSandboxRequest { PodSandboxId = SandboxId }).ResponseAsync);
        await IgnoreNotFound(() => _runtime.RemovePodSandboxAsync(new RemovePodSandboxRequest { PodSandboxId = SandboxId }).ResponseAsync);
        if (Directory.Exists(_logDirectory))
        {
            Directory.Delete(_logDirectory, recursive: true);
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
