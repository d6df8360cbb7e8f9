namespace Orchestrator.Kubelet.Stats.Host;

/// <summary>A Linux host's figures from cgroupfs and /proc: the root cgroup is the node, pod cgroups sit under <paramref name="cgroupRoot"/>.</summary>
internal sealed class CgroupHostStats(CgroupReader cgroups, string cgroupRoot) : IHostStats
{
    public ulong? MachineMemoryBytes { get; } = cgroups.MachineMemoryBytes();

    public DateTimeOffset? BootTime() => cgroups.BootTime();

    public CgroupSample? Node(DateTimeOffset now) => cgroups.Read("/", now);

    public CgroupSample? Pod(string podUid, DateTimeOffset now) => cgroups.Read(SandboxConfigFactory.CgroupParent(cgroupRoot, podUid), now);
}
