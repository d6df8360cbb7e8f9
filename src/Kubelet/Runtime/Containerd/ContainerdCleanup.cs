using Orchestrator.Kubelet.Processes;

namespace Orchestrator.Kubelet.Runtime.Containerd;

/// <summary>
/// Removes what one containerd instance leaves on the host: its containers and sandboxes (while it runs),
/// then runc containers, shims, mounts under the state dir, the CNI bridge, libcni's cached results and the
/// pod cgroups under <see cref="CgroupParentFor"/> (after it stopped). Every step touches only things that
/// are provably this instance's: our runc root, our socket address, our state dir, our bridge name.
/// </summary>
public sealed partial class ContainerdCleanup(ContainerdConfig config, ILogger logger)
{
    private const string Namespace = "k8s.io";
    private const string CniCacheDir = "/var/lib/cni/results";
    private const string CgroupRoot = "/sys/fs/cgroup";

    /// <summary>
    /// The cgroup parent under which a kubelet on this instance puts its pod cgroups (<c>&lt;parent&gt;/pod&lt;uid&gt;</c>):
    /// <c>/orc</c> + the same hash as the bridge, so cleanup can find them.
    /// </summary>
    public static string CgroupParentFor(string stateDir) => "/" + CniConfig.BridgeNameFor(stateDir);

    /// <summary>
    /// Removes every CRI container and pod sandbox (stop with no grace, remove; sandboxes through CNI DEL),
    /// then kills and deletes whatever else is in containerd's k8s.io namespace (containerd must be running).
    /// </summary>
    public async Task RemoveContainersAsync(CancellationToken cancellationToken)
    {
        await RemoveCriPodsAsync(cancellationToken);
        var ids = await CtrAsync(["containers", "ls", "-q"], cancellationToken);
        foreach (var id in ids.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await CtrAsync(["tasks", "kill", "--all", "--signal", "SIGKILL", id], cancellationToken);
            await CtrAsync(["tasks", "delete", "--force", id], cancellationToken);
            await CtrAsync(["containers", "delete", id], cancellationToken);
            DeleteCniCache(id);
        }
    }

    private async Task RemoveCriPodsAsync(CancellationToken cancellationToken)
    {
        using var cri = CriClient.Connect(config.Endpoint);
        try
        {
            var containers = await cri.Runtime.ListContainersAsync(new ListContainersRequest(), cancellationToken: cancellationToken);
            foreach (var container in containers.Containers)
            {
                await CriStepAsync("StopContainer " + container.Id, async () =>
                    await cri.Runtime.StopContainerAsync(new StopContainerRequest { ContainerId = container.Id, Timeout = 0 }, cancellationToken: cancellationToken));
                await CriStepAsync("RemoveContainer " + container.Id, async () =>
                    await cri.Runtime.RemoveContainerAsync(new RemoveContainerRequest { ContainerId = container.Id }, cancellationToken: cancellationToken));
            }

            var sandboxes = await cri.Runtime.ListPodSandboxAsync(new ListPodSandboxRequest(), cancellationToken: cancellationToken);
            foreach (var sandbox in sandboxes.Items)
            {
                await CriStepAsync("StopPodSandbox " + sandbox.Id, async () =>
                    await cri.Runtime.StopPodSandboxAsync(new StopPodSandboxRequest { PodSandboxId = sandbox.Id }, cancellationToken: cancellationToken));
                await CriStepAsync("RemovePodSandbox " + sandbox.Id, async () =>
                    await cri.Runtime.RemovePodSandboxAsync(new RemovePodSandboxRequest { PodSandboxId = sandbox.Id }, cancellationToken: cancellationToken));
            }
        }
        catch (RpcException error)
        {
            LogStepFailed(logger, "CRI list", error.Status.Detail);
        }
    }

    private async Task CriStepAsync(string step, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (RpcException error)
        {
            LogStepFailed(logger, step, error.Status.Detail);
        }
    }

    /// <summary>Cleans up after containerd exited; each step is best effort and logged, none stops the next.</summary>
    public async Task RemoveLeftoversAsync(CancellationToken cancellationToken)
    {
        await DeleteRuncContainersAsync(cancellationToken);
        foreach (var shim in HostProcess.Find(IsOurShim))
        {
            await HostProcess.SignalAsync(shim, "KILL", cancellationToken);
            await HostProcess.WaitForExitAsync(shim, TimeSpan.FromSeconds(5), cancellationToken);
        }

        foreach (var mount in MountInfo.ReadMountsUnder(config.StateDir))
        {
            await RunLoggedAsync("umount", ["-l", mount], cancellationToken);
        }

        foreach (var bridge in BridgesIn(config.CniConfDir))
        {
            if (Directory.Exists($"/sys/class/net/{bridge}"))
            {
                await RunLoggedAsync("ip", ["link", "del", bridge], cancellationToken);
            }
        }

        await RemoveCgroupsAsync(CgroupParentFor(config.StateDir), cancellationToken);
    }

    /// <summary>The bridge names in the conflists of <paramref name="confDir"/>.</summary>
    public static IReadOnlyList<string> BridgesIn(string confDir)
    {
        if (!Directory.Exists(confDir))
        {
            return [];
        }

        var bridges = new List<string>();
        foreach (var file in Directory.EnumerateFiles(confDir, "*.conflist"))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            if (!document.RootElement.TryGetProperty("plugins", out var plugins))
            {
                continue;
            }

            foreach (var plugin in plugins.EnumerateArray())
            {
                if (plugin.TryGetProperty("type", out var type) && type.GetString() == "bridge"
                    && plugin.TryGetProperty("bridge", out var name) && name.GetString() is { Length: > 0 } bridge)
                {
                    bridges.Add(bridge);
                }
            }
        }

        return bridges;
    }

    private bool IsOurShim(IReadOnlyList<string> argv)
    {
        if (argv.Count == 0 || !Path.GetFileName(argv[0]).StartsWith("containerd-shim", StringComparison.Ordinal))
        {
            return false;
        }

        for (var i = 0; i + 1 < argv.Count; i++)
        {
            if (argv[i] == "-address" && argv[i + 1] == config.SocketPath)
            {
                return true;
            }
        }

        return false;
    }

    private async Task DeleteRuncContainersAsync(CancellationToken cancellationToken)
    {
        var root = Path.Combine(config.RuncRoot, Namespace);
        if (!Directory.Exists(root))
        {
            return;
        }

        foreach (var dir in Directory.EnumerateDirectories(root))
        {
            await RunLoggedAsync("runc", ["--root", root, "delete", "--force", Path.GetFileName(dir)], cancellationToken);
        }
    }

    private async Task RemoveCgroupsAsync(string parent, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(CgroupRoot))
        {
            return;
        }

        foreach (var hierarchy in Directory.EnumerateDirectories(CgroupRoot))
        {
            var top = hierarchy + parent;
            if (!Directory.Exists(top))
            {
                continue;
            }

            // Deepest first: a cgroup directory can only be removed once its children are gone.
            var dirs = Directory.EnumerateDirectories(top, "*", SearchOption.AllDirectories)
                .OrderByDescending(d => d.Length).Append(top);
            foreach (var dir in dirs)
            {
                await KillMembersAsync(dir, cancellationToken);
                try
                {
                    Directory.Delete(dir);
                }
                catch (IOException error)
                {
                    LogStepFailed(logger, "rmdir " + dir, error.Message);
                }
            }
        }
    }

    private static async Task KillMembersAsync(string cgroup, CancellationToken cancellationToken)
    {
        var procs = Path.Combine(cgroup, "cgroup.procs");
        if (!File.Exists(procs))
        {
            return;
        }

        foreach (var line in (await File.ReadAllTextAsync(procs, cancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(line, out var pid))
            {
                await HostProcess.SignalAsync(pid, "KILL", cancellationToken);
                await HostProcess.WaitForExitAsync(pid, TimeSpan.FromSeconds(5), cancellationToken);
            }
        }
    }

    private static void DeleteCniCache(string containerId)
    {
        if (!Directory.Exists(CniCacheDir))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(CniCacheDir, $"*-{containerId}-*"))
        {
            File.Delete(file);
        }
    }

    private async Task<string> CtrAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await HostCommand.RunAsync("ctr", ["--address", config.SocketPath, "--namespace", Namespace, .. arguments], cancellationToken);
        if (!result.Succeeded)
        {
            LogStepFailed(logger, "ctr " + string.Join(' ', arguments), result.StandardError.Trim());
        }

        return result.StandardOutput;
    }

    private async Task RunLoggedAsync(string file, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await HostCommand.RunAsync(file, arguments, cancellationToken);
        if (!result.Succeeded)
        {
            LogStepFailed(logger, file + " " + string.Join(' ', arguments), result.StandardError.Trim());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "containerd cleanup: '{Step}' failed: {Error}")]
    private static partial void LogStepFailed(ILogger logger, string step, string error);
}
