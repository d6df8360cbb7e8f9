using Orchestrator.Kubelet.Runtime.Cri.Client;
using Orchestrator.Kubelet.Node;
using Orchestrator.Kubelet.Tests.Runtime.Containerd;
using Orchestrator.Testing;

namespace Orchestrator.Kubelet.Tests.Node;

[Collection(ContainerdCollection.Name)]
public sealed class CriNodeFactsTests(ContainerdFixture fixture)
{
    [Fact]
    public async Task Runtime_version_and_conditions_come_from_cri()
    {
        using var cri = CriClient.Connect(fixture.Endpoint);

        var version = await CriNodeFacts.RuntimeVersionAsync(cri, CancellationToken.None);
        var conditions = await CriNodeFacts.ConditionsAsync(cri, CancellationToken.None);

        Assert.StartsWith("containerd://1.", version, StringComparison.Ordinal);
        Assert.NotNull(conditions);
        Assert.Null(NodeConditionsCalculator.ReadyErrors(conditions));
    }

    [Fact]
    public async Task An_absent_runtime_has_no_conditions_so_the_node_is_not_ready()
    {
        using var cri = CriClient.Connect($"unix:///tmp/orchestrator-absent-{Guid.NewGuid():N}.sock");

        var conditions = await CriNodeFacts.ConditionsAsync(cri, CancellationToken.None);

        Assert.Null(conditions);
        Assert.Equal("container runtime status check may not have completed yet", NodeConditionsCalculator.ReadyErrors(conditions));
    }

    [Fact]
    public void System_info_is_the_machine_and_the_runtime()
    {
        var machine = new MachineInfo(2, 1024, 2048, "6.1.0-18-amd64", "Debian GNU/Linux 12 (bookworm)", "amd64", "mid", "uuid", "boot");

        var info = CriNodeFacts.SystemInfo(machine, "containerd://1.6.20~ds1");

        Assert.Equal(
            ("mid", "uuid", "boot", "6.1.0-18-amd64", "Debian GNU/Linux 12 (bookworm)", "containerd://1.6.20~ds1", "linux", "amd64", NodeObjects.KubeletVersion),
            (info.MachineID, info.SystemUUID, info.BootID, info.KernelVersion, info.OsImage, info.ContainerRuntimeVersion, info.OperatingSystem, info.Architecture, info.KubeletVersion));
    }
}
