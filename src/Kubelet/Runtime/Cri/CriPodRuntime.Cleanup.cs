namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>
/// Garbage: dead sandboxes and old exited containers of a live pod; everything of a pod that is
/// gone — containers, sandboxes, volumes, log files, the pod cgroup (containerd removes only the
/// containers' own cgroups, and never log files).
/// </summary>
internal sealed partial class CriPodRuntime
{
    /// <summary>Removes every trace of a pod the API no longer has. Idempotent.</summary>
    public async Task RemoveAsync(V1Pod pod, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var meta = pod.Metadata;
        await RemoveByUidAsync(meta.Uid, ct);
        DeleteDirectory(_options.Paths.PodLogDir(meta.NamespaceProperty, meta.Name, meta.Uid));
    }

    /// <summary>
    /// Removes pods the runtime or the disk still holds whose uid is not among <paramref name="livePodUids"/>
    /// (deleted while the kubelet was down). Returns how many were removed.
    /// </summary>
    public async Task<int> RemoveOrphansAsync(IReadOnlySet<string> livePodUids, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(livePodUids);
        var sandboxes = (await _cri.Runtime.ListPodSandboxAsync(new ListPodSandboxRequest(), cancellationToken: ct)).Items;
        var orphans = sandboxes
            .Select(s => s.Labels.GetValueOrDefault(CriLabels.PodUid))
            .Concat(_volumes.PodUidsOnDisk())
            .OfType<string>()
            .Where(uid => !livePodUids.Contains(uid))
            .ToHashSet();
        foreach (var uid in orphans)
        {
            await RemoveByUidAsync(uid, ct);
            foreach (var dir in Directory.Exists(_options.Paths.LogsRoot) ? Directory.GetDirectories(_options.Paths.LogsRoot, $"*_{uid}") : [])
            {
                DeleteDirectory(dir);
            }
        }

        return orphans.Count;
    }

    private async Task RemoveByUidAsync(string uid, CancellationToken ct)
    {
        var state = await RuntimeStateReader.ReadAsync(_cri.Runtime, uid, ct);
        foreach (var container in state.Containers)
        {
            await RemoveContainerAsync(container.Id, ct);
        }

        foreach (var sandbox in state.Sandboxes)
        {
            await _cri.Runtime.StopPodSandboxAsync(new StopPodSandboxRequest { PodSandboxId = sandbox.Id }, cancellationToken: ct);
            await _cri.Runtime.RemovePodSandboxAsync(new RemovePodSandboxRequest { PodSandboxId = sandbox.Id }, cancellationToken: ct);
        }

        _probes.Remove(uid);
        _sources.UnregisterPod(uid);
        _backoff.ResetPrefix(uid + "/");
        await _volumes.TearDownAsync(uid, ct);
        DeleteDirectory(_options.Paths.PodDir(uid));
        if (OperatingSystem.IsLinux())
        {
            PodCgroups.Remove(SandboxConfigFactory.CgroupParent(_options.CgroupRoot, uid));
        }
    }

    /// <summary>Keeps a live pod tidy: sandboxes that died and were replaced, exited containers beyond the kept ones.</summary>
    private async Task PruneAsync(PodRuntimeState state, CancellationToken ct)
    {
        foreach (var sandbox in state.Sandboxes.Skip(1).Where(s => !s.Ready))
        {
            if (state.Containers.Any(c => c.SandboxId == sandbox.Id && c.State == CriContainerState.Running))
            {
                continue;
            }

            await _cri.Runtime.RemovePodSandboxAsync(new RemovePodSandboxRequest { PodSandboxId = sandbox.Id }, cancellationToken: ct);
        }

        var removable = state.Containers
            .GroupBy(c => c.Name)
            .SelectMany(g => g.Skip(_options.DeadContainersKept))
            .Where(c => c.State is CriContainerState.Exited or CriContainerState.Created);
        foreach (var container in removable)
        {
            await RemoveContainerAsync(container.Id, ct);
        }
    }

    private async Task RemoveContainerAsync(string id, CancellationToken ct)
    {
        try
        {
            await _cri.Runtime.RemoveContainerAsync(new RemoveContainerRequest { ContainerId = id }, cancellationToken: ct);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            // removed already (with its sandbox)
        }
    }

    private void DeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException e)
        {
            LogCleanupFailed(e, path);
        }
        catch (UnauthorizedAccessException e)
        {
            LogCleanupFailed(e, path);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove {Path}")]
    private partial void LogCleanupFailed(Exception e, string path);
}
