namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>The operating systems a node runs (the kubernetes.io/os label and nodeInfo.operatingSystem values, Go's GOOS).</summary>
internal static class NodeOs
{
    public const string Linux = "linux";

    public const string Windows = "windows";
}
