namespace Orchestrator.Kubelet.Stats;

/// <summary>
/// Everything one stats round read, for <see cref="SummaryBuilder"/>: the runtime's ready sandboxes,
/// running containers and their stats (CRI), the image filesystem, and what the kubelet read itself
/// (the node's and the pods' cgroups, the filesystems' sizes, the containers' log sizes).
/// </summary>
internal sealed record StatsInput
{
    public required string NodeName { get; init; }

    public required DateTimeOffset Now { get; init; }

    /// <summary>When the machine booted: the node's startTime (cadvisor's root container starts then).</summary>
    public required DateTimeOffset BootTime { get; init; }

    /// <summary>The root cgroup; null when unreadable.</summary>
    public CgroupSample? Node { get; init; }

    /// <summary>The machine's memory: the node's availableBytes is this less the working set.</summary>
    public ulong? MachineMemoryBytes { get; init; }

    /// <summary>The filesystem of the kubelet's root directory (node fs, logs, ephemeral storage).</summary>
    public FsStatsSample? RootFs { get; init; }

    /// <summary>The runtime's image filesystem (CRI ImageFsInfo) with its size.</summary>
    public FsStatsSample? ImageFs { get; init; }

    public IReadOnlyList<PodSandbox> Sandboxes { get; init; } = [];

    public IReadOnlyList<Container> Containers { get; init; } = [];

    public IReadOnlyList<Runtime.Cri.Api.ContainerStats> ContainerStats { get; init; } = [];

    /// <summary>Pod cgroups by pod uid (cpu and memory of the whole pod, its sandbox included).</summary>
    public IReadOnlyDictionary<string, CgroupSample> PodCgroups { get; init; } = new Dictionary<string, CgroupSample>();

    /// <summary>Bytes of each container's log files, by container id.</summary>
    public IReadOnlyDictionary<string, ulong> LogBytes { get; init; } = new Dictionary<string, ulong>();
}
