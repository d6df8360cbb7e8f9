using Orchestrator.Kubelet.Metrics;
using Orchestrator.Kubelet.Runtime;

namespace Orchestrator.Kubelet.Tests.Metrics;

public sealed class RuntimeCountsTests
{
    private static readonly ObservedContainer Exited = new("old", ContainerRunState.Exited, 0, ContainerId: "cri://1");

    public static TheoryData<string, ObservedContainer, int, int, int> Containers => new()
    {
        { "running", new ObservedContainer("c", ContainerRunState.Running, 0, ContainerId: "cri://1"), 1, 0, 0 },
        { "exited", Exited, 0, 1, 0 },
        { "waiting with no container yet (image pull)", new ObservedContainer("c", ContainerRunState.Waiting, 0), 0, 0, 0 },
        { "waiting to restart after its container exited", new ObservedContainer("c", ContainerRunState.Waiting, 1, ContainerId: "cri://1", LastTermination: Exited), 0, 1, 0 },
        { "created, not started", new ObservedContainer("c", ContainerRunState.Waiting, 0, ContainerId: "cri://2", LastTermination: Exited), 0, 0, 1 },
    };

    [Theory]
    [MemberData(nameof(Containers))]
    public void A_container_counts_by_the_state_the_runtime_holds_it_in(string because, ObservedContainer container, int running, int exited, int created)
    {
        var counts = RuntimeCounts.Of(new ObservedPod([container]));

        Assert.True(new RuntimeCounts(true, running, exited, created) == counts, $"{because}: {counts}");
    }

    [Fact]
    public void Init_regular_and_ephemeral_containers_all_count_and_the_sandbox_runs_when_ready()
    {
        var running = new ObservedContainer("c", ContainerRunState.Running, 0, ContainerId: "cri://3");
        var pod = new ObservedPod([running, running]) { InitContainers = [Exited], EphemeralContainers = [running] };

        Assert.Equal(new RuntimeCounts(true, 3, 1, 0), RuntimeCounts.Of(pod));
        Assert.False(RuntimeCounts.Of(pod with { SandboxReady = false }).SandboxRunning);
    }
}
