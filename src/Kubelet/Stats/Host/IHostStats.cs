namespace Orchestrator.Kubelet.Stats.Host;

/// <summary>
/// What a stats round reads from the host itself, beside the runtime's CRI stats: the machine's memory and boot
/// time, the node's and each pod's cpu and memory. Chosen by OS (<see cref="HostStats.ForThisHost"/>): cgroups on
/// Linux; on Windows nothing beyond CRI (no cgroups there; upstream's Windows kubelet reads its node figures from
/// PDH counters, which are not read here, so the node's cpu and memory are absent). Thread-safe.
/// </summary>
internal interface IHostStats
{
    /// <summary>The machine's memory, or null when unknown.</summary>
    ulong? MachineMemoryBytes { get; }

    /// <summary>When the machine booted, or null when unknown.</summary>
    DateTimeOffset? BootTime();

    /// <summary>The whole node's cpu and memory, or null when this host has no such reading.</summary>
    CgroupSample? Node(DateTimeOffset now);

    /// <summary>One pod's cpu and memory (its sandbox included), or null: then the pod's figures are its containers' sum.</summary>
    CgroupSample? Pod(string podUid, DateTimeOffset now);
}
