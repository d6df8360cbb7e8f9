namespace Orchestrator.Kubelet.Stats.Host;

/// <summary>Chooses the host figures by OS: cgroups only on Linux, CRI alone anywhere else.</summary>
internal static class HostStats
{
    public static IHostStats ForThisHost(string cgroupRoot, TimeProvider time) =>
        OperatingSystem.IsLinux() ? new CgroupHostStats(new CgroupReader(), cgroupRoot) : new CriOnlyHostStats(time);
}
