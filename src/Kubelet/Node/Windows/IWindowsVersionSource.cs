namespace Orchestrator.Kubelet.Node.Windows;

/// <summary>
/// Where a Windows node learns its version (upstream pkg/kubelet/winstats/version.go): read once at start-up,
/// throws when the host does not say (a Windows kubelet cannot label its node without it).
/// </summary>
public interface IWindowsVersionSource
{
    /// <summary>The host's version: build, update build revision (UBR) and product name.</summary>
    WindowsVersion Read();
}
