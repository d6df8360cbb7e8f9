using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Kubelet.Runtime.Containerd;

namespace Orchestrator.E2E.Tests.Network;

/// <summary>
/// What a node's kubelet normally removes when it stops, removed again from the test process in case it was
/// killed or never got that far: its containerd (adopted, pods removed through CRI so CNI DEL runs in the node's
/// namespace, then stopped) or that containerd's leftovers (shims, mounts, cgroups), libcni's cache entries of the
/// node's network, the kubelet's root directory and the node's data directory. Every step is idempotent.
/// </summary>
internal static class NetnsCleanup
{
    private const string CniCacheDir = "/var/lib/cni/results";

    public static async Task NodeAsync(NetnsNode node)
    {
        var config = ContainerdConfig.ForStateDir(node.ContainerdStateDir);
        if (await ContainerdProcess.AdoptAsync(config, NullLogger.Instance) is { } running)
        {
            await running.StopAsync(cleanup: true);
        }
        else if (File.Exists(config.PidPath))
        {
            await new ContainerdCleanup(config, NullLogger.Instance).RemoveLeftoversAsync(CancellationToken.None);
        }

        var network = CniConfig.NetworkNameFor(CniConfig.BridgeNameFor(config.StateDir));
        if (Directory.Exists(CniCacheDir))
        {
            foreach (var file in Directory.EnumerateFiles(CniCacheDir, network + "-*"))
            {
                File.Delete(file);
            }
        }

        Orchestrator.Kubelet.Runtime.Containerd.KubeletRootCleanup.Remove(node.RootDir);
        if (node.DataDir != node.RootDir && Directory.Exists(node.DataDir))
        {
            Directory.Delete(node.DataDir, recursive: true);
        }
    }
}
