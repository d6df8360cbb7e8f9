using Orchestrator.Kubelet.Node;

namespace Orchestrator.Kubelet.Tests.Node;

public sealed class NodeObjectsTests
{
    [Fact]
    public void Node_info_is_the_machine_and_the_runtime()
    {
        var config = new NodeConfig("n1", "10.0.0.1")
        {
            KernelVersion = "6.1.0-18-amd64",
            OsImage = "Debian GNU/Linux 12 (bookworm)",
            MachineId = "mid",
            SystemUuid = "uuid",
            BootId = "boot",
        };

        var info = NodeObjects.Status(config, "containerd://1.6.20~ds1", DateTime.UnixEpoch).NodeInfo;

        Assert.Equal(
            ("mid", "uuid", "boot", "6.1.0-18-amd64", "Debian GNU/Linux 12 (bookworm)", "containerd://1.6.20~ds1", "linux", "amd64", NodeObjects.KubeletVersion),
            (info.MachineID, info.SystemUUID, info.BootID, info.KernelVersion, info.OsImage, info.ContainerRuntimeVersion, info.OperatingSystem, info.Architecture, info.KubeletVersion));
    }

    [Fact]
    public void A_hollow_node_without_machine_ids_reports_its_name()
    {
        var info = NodeObjects.Status(new NodeConfig("hollow-0", "10.0.0.2"), "fake://1.0", DateTime.UnixEpoch).NodeInfo;

        Assert.Equal(("hollow-0", "hollow-0", "hollow-0"), (info.MachineID, info.SystemUUID, info.BootID));
    }
}
