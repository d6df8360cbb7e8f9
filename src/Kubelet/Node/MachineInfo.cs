namespace Orchestrator.Kubelet.Node;

/// <summary>
/// The facts a real node reports about its machine (upstream's cadvisor MachineInfo + nodeInfo): sizes for
/// capacity and the identity strings of <c>status.nodeInfo</c>.
/// </summary>
internal sealed record MachineInfo(
    int CpuCores,
    long MemoryBytes,
    long EphemeralStorageBytes,
    string KernelVersion,
    string OsImage,
    string Architecture,
    string MachineId,
    string SystemUuid,
    string BootId)
{
    public const string OperatingSystem = "linux";
}
