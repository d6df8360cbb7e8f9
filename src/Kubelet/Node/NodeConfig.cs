namespace Orchestrator.Kubelet.Node;

/// <summary>What a node registers as: name, address, capacity, labels and taints.</summary>
public sealed record NodeConfig(string Name, string InternalIp)
{
    public string OperatingSystem { get; init; } = "linux";

    public string Architecture { get; init; } = "amd64";

    public string Cpu { get; init; } = "4";

    public string Memory { get; init; } = "16Gi";

    public string EphemeralStorage { get; init; } = "100Gi";

    public int MaxPods { get; init; } = 110;

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<V1Taint> Taints { get; init; } = [];

    public string KernelVersion { get; init; } = "6.1.0-hollow";

    public string OsImage { get; init; } = "Orchestrator hollow node";

    /// <summary>Allocatable when it differs from capacity (a real node holds back eviction thresholds).</summary>
    public IReadOnlyDictionary<string, ResourceQuantity>? Allocatable { get; init; }

    /// <summary>nodeInfo identity (machine-id, product UUID, boot id); the node name on hollow nodes.</summary>
    public string? MachineId { get; init; }

    public string? SystemUuid { get; init; }

    public string? BootId { get; init; }

    /// <summary>A Windows node's build (the node.kubernetes.io/windows-build label); null on Linux nodes.</summary>
    public Windows.WindowsBuild? WindowsBuild { get; init; }

    /// <summary>
    /// This configuration as a Windows node of that version: OS windows, the windows-build label, nodeInfo's
    /// kernelVersion Major.Minor.Build.UBR and osImage the product name, as upstream's Windows kubelet reports them.
    /// </summary>
    public NodeConfig AsWindows(Windows.WindowsVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return this with { OperatingSystem = "windows", WindowsBuild = version.Build, KernelVersion = version.KernelVersion, OsImage = version.ProductName };
    }

    /// <summary>The port of the node's kubelet server (status.daemonEndpoints; the API server dials it for logs and exec).</summary>
    public int KubeletPort { get; init; } = 10250;
}
