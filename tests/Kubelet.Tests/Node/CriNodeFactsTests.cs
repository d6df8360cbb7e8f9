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
}
