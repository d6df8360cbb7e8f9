namespace Orchestrator.ApiMachinery.Images;

/// <summary>
/// Can a node run an image platform: containerd's platforms matcher (<c>platforms.go</c>, <c>platform_windows_compat.go</c>)
/// applied to what node labels tell. The OS and the architecture must be equal (architecture names normalized as
/// containerd does: <c>x86_64</c> is <c>amd64</c>, <c>aarch64</c> is <c>arm64</c>). Variants are not compared: node
/// labels carry none. On Windows the major and minor versions must be equal; a node build below 20348 needs the
/// same build; from 20348 up, an image build in [20348, node build] runs. A platform or node without a version
/// matches any version (containerd: "HPC containers do not have OS version filled").
/// </summary>
public static class PlatformCompatibility
{
    /// <summary>True when <paramref name="node"/> can run <paramref name="image"/>.</summary>
    public static bool CanRun(NodePlatform node, ImagePlatform image) =>
        OsMatches(node, image) && ArchitectureMatches(node, image);

    /// <summary>The OS part of <see cref="CanRun"/>: same OS, and on Windows a compatible version.</summary>
    public static bool OsMatches(NodePlatform node, ImagePlatform image)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(image);
        if (!string.Equals(node.Os, image.Os, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (!string.Equals(node.Os, "windows", StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrEmpty(node.WindowsBuild) || string.IsNullOrEmpty(image.OsVersion)
            || !WindowsVersion.TryParse(node.WindowsBuild, out var host))
        {
            return true;
        }

        return WindowsVersion.TryParse(image.OsVersion, out var container) && WindowsCompatible(host, container);
    }

    /// <summary>The architecture part of <see cref="CanRun"/>: equal after normalizing, or the node's is unknown.</summary>
    public static bool ArchitectureMatches(NodePlatform node, ImagePlatform image)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(image);
        return string.IsNullOrEmpty(node.Architecture)
            || string.Equals(NormalizeArchitecture(node.Architecture), NormalizeArchitecture(image.Architecture), StringComparison.Ordinal);
    }

    /// <summary>Process isolation's rule (containerd's <c>checkWindowsHostAndContainerCompat</c>).</summary>
    public static bool WindowsCompatible(WindowsVersion host, WindowsVersion container)
    {
        if (host.Major != container.Major || host.Minor != container.Minor)
        {
            return false;
        }

        return host.Build < WindowsVersion.Ltsc2022Build
            ? host.Build == container.Build
            : container.Build >= WindowsVersion.Ltsc2022Build && container.Build <= host.Build;
    }

    /// <summary>containerd's <c>normalizeArch</c> for the names node labels and indexes use.</summary>
    public static string NormalizeArchitecture(string architecture) => architecture.ToLowerInvariant() switch
    {
        "i386" => "386",
        "x86_64" or "x86-64" or "amd64" => "amd64",
        "aarch64" or "arm64" => "arm64",
        "armhf" or "armel" or "arm" => "arm",
        var other => other,
    };
}
