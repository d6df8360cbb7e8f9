namespace Orchestrator.KubeProxy.Tests.Kernel;

/// <summary>A fact that needs root and the <c>nft</c> and <c>ip</c> tools (it works in scratch network namespaces); skipped with the reason otherwise.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        Skip = Environment.IsPrivilegedProcess
            ? Missing("/usr/sbin/nft", "/usr/sbin/ip", "/usr/bin/busybox")
            : "needs root: creates network namespaces and nftables tables";
    }

    private static string? Missing(params string[] tools) =>
        tools.FirstOrDefault(t => !File.Exists(t)) is { } missing ? $"needs {missing} (Debian packages nftables, iproute2, busybox)" : null;
}
