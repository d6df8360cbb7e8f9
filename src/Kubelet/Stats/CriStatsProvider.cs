using Orchestrator.Kubelet.Stats.Host;

namespace Orchestrator.Kubelet.Stats;

/// <summary>
/// Stats of a real node on a CRI runtime: one round lists the ready sandboxes, running containers,
/// container stats and image filesystem from the runtime, reads the host's own figures (<see cref="IHostStats"/>:
/// the root and pod cgroups on Linux, nothing more on Windows) and the filesystems' sizes, and hands it all to
/// <see cref="SummaryBuilder"/>. Rounds are serialized.
/// </summary>
internal sealed class CriStatsProvider(
    RuntimeService.RuntimeServiceClient runtime,
    ImageService.ImageServiceClient images,
    CriStatsProviderOptions options,
    IHostStats host,
    TimeProvider time) : IStatsProvider, IDisposable
{
    private readonly SummaryBuilder _builder = new(new CpuRateTracker());
    private readonly SemaphoreSlim _round = new(1, 1);
    private readonly KubeletPaths _paths = new(options.RootDir);

    public ulong? MachineMemoryBytes => host.MachineMemoryBytes;

    public async Task<StatsSummary> GetSummaryAsync(CancellationToken ct)
    {
        await _round.WaitAsync(ct);
        try
        {
            return _builder.Build(await ReadAsync(ct));
        }
        finally
        {
            _round.Release();
        }
    }

    public void Dispose() => _round.Dispose();

    private async Task<StatsInput> ReadAsync(CancellationToken ct)
    {
        var sandboxesCall = runtime.ListPodSandboxAsync(
            new ListPodSandboxRequest { Filter = new PodSandboxFilter { State = new PodSandboxStateValue { State = PodSandboxState.SandboxReady } } }, cancellationToken: ct).ResponseAsync;
        var containersCall = runtime.ListContainersAsync(
            new ListContainersRequest { Filter = new ContainerFilter { State = new ContainerStateValue { State = ContainerState.ContainerRunning } } }, cancellationToken: ct).ResponseAsync;
        var statsCall = runtime.ListContainerStatsAsync(new ListContainerStatsRequest { Filter = new ContainerStatsFilter() }, cancellationToken: ct).ResponseAsync;
        var imageFsCall = images.ImageFsInfoAsync(new ImageFsInfoRequest(), cancellationToken: ct).ResponseAsync;
        await Task.WhenAll(sandboxesCall, containersCall, statsCall, imageFsCall);

        var now = time.GetUtcNow();
        var sandboxes = (await sandboxesCall).Items;
        var containers = (await containersCall).Containers;
        var podCgroups = new Dictionary<string, CgroupSample>(StringComparer.Ordinal);
        foreach (var sandbox in sandboxes.Where(s => s.Metadata is not null))
        {
            if (host.Pod(sandbox.Metadata.Uid, now) is { } sample)
            {
                podCgroups[sandbox.Metadata.Uid] = sample;
            }
        }

        var byId = sandboxes.Where(s => s.Metadata is not null).ToDictionary(s => s.Id, s => s.Metadata, StringComparer.Ordinal);
        var logBytes = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var container in containers.Where(c => c.Metadata is not null))
        {
            if (byId.TryGetValue(container.PodSandboxId, out var pod))
            {
                logBytes[container.Id] = FileSystems.DirectoryBytes(Path.Combine(_paths.PodLogDir(pod.Namespace, pod.Name, pod.Uid), container.Metadata.Name));
            }
        }

        return new StatsInput
        {
            NodeName = options.NodeName,
            Now = now,
            BootTime = host.BootTime() ?? DateTimeOffset.UnixEpoch,
            Node = host.Node(now),
            MachineMemoryBytes = MachineMemoryBytes,
            RootFs = FileSystems.Of(options.RootDir, now),
            ImageFs = ImageFs((await imageFsCall).ImageFilesystems.FirstOrDefault(), now),
            Sandboxes = sandboxes,
            Containers = containers,
            ContainerStats = (await statsCall).Stats,
            PodCgroups = podCgroups,
            LogBytes = logBytes,
        };
    }

    /// <summary>The runtime's image filesystem: its use as the runtime reports it, its size from the filesystem at its mountpoint.</summary>
    private static FsStatsSample? ImageFs(FilesystemUsage? usage, DateTimeOffset now)
    {
        if (usage is null)
        {
            return null;
        }

        var size = usage.FsId?.Mountpoint is { Length: > 0 } mountpoint ? FileSystems.Of(mountpoint, now) : null;
        return new FsStatsSample(
            usage.Timestamp > 0 ? DateTimeOffset.UnixEpoch.AddTicks(usage.Timestamp / 100) : now,
            size?.CapacityBytes,
            size?.AvailableBytes,
            usage.UsedBytes?.Value,
            usage.InodesUsed?.Value);
    }
}
