namespace Orchestrator.Kubelet.Stats.Host;

/// <summary>
/// A host without cgroups (Windows): pods' and containers' figures come only from the runtime's CRI stats; the
/// machine's memory and boot time from the .NET runtime, which asks the OS.
/// </summary>
internal sealed class CriOnlyHostStats(TimeProvider time) : IHostStats
{
    public ulong? MachineMemoryBytes { get; } = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes is > 0 and var bytes ? (ulong)bytes : null;

    public DateTimeOffset? BootTime() => time.GetUtcNow() - TimeSpan.FromMilliseconds(Environment.TickCount64);

    public CgroupSample? Node(DateTimeOffset now) => null;

    public CgroupSample? Pod(string podUid, DateTimeOffset now) => null;
}
