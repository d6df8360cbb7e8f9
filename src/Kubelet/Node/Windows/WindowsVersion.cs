namespace Orchestrator.Kubelet.Node.Windows;

/// <summary>
/// A Windows host's version: <see cref="Build"/> (the windows-build label), the update build revision and the
/// product name. Upstream's Windows kubelet reports nodeInfo.kernelVersion as Major.Minor.Build.UBR and
/// nodeInfo.osImage as the ProductName (e.g. "Windows Server 2022 Datacenter").
/// </summary>
public sealed record WindowsVersion(WindowsBuild Build, int UpdateBuildRevision, string ProductName)
{
    public string KernelVersion => string.Create(CultureInfo.InvariantCulture, $"{Build}.{UpdateBuildRevision}");
}
