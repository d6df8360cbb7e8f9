using k8s.Models;
using Orchestrator.Kubelet.Node;

namespace Orchestrator.Kubelet.Tests.Node;

public sealed class NodeConditionsCalculatorTests
{
    private const long Mi = 1024 * 1024;
    private static readonly DateTime Now = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly RuntimeCondition[] Healthy = [new(RuntimeCondition.RuntimeReady, true), new(RuntimeCondition.NetworkReady, true)];

    private static NodeUsage Usage(long memoryMi = 4096, long fsAvailable = 50, long fsCapacity = 100, long processes = 300, long pidMax = 32768) =>
        new(memoryMi * Mi, fsAvailable, fsCapacity, processes, pidMax);

    [Theory]
    [InlineData(4096, "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available")]
    [InlineData(100, "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available")]
    [InlineData(99, "True", "KubeletHasInsufficientMemory", "kubelet has insufficient memory available")]
    public void Memory_pressure_below_100Mi_available(long availableMi, string status, string reason, string message) =>
        AssertCondition(Compute(Usage(memoryMi: availableMi)), "MemoryPressure", status, reason, message);

    [Theory]
    [InlineData(50, 100, "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure")]
    [InlineData(10, 100, "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure")]
    [InlineData(9, 100, "True", "KubeletHasDiskPressure", "kubelet has disk pressure")]
    public void Disk_pressure_below_10_percent_of_nodefs_available(long available, long capacity, string status, string reason, string message) =>
        AssertCondition(Compute(Usage(fsAvailable: available, fsCapacity: capacity)), "DiskPressure", status, reason, message);

    [Theory]
    [InlineData(300, 1000, "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available")]
    [InlineData(900, 1000, "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available")]
    [InlineData(901, 1000, "True", "KubeletHasInsufficientPID", "kubelet has insufficient PID available")]
    public void Pid_pressure_when_less_than_10_percent_of_pids_left(long processes, long pidMax, string status, string reason, string message) =>
        AssertCondition(Compute(Usage(processes: processes, pidMax: pidMax)), "PIDPressure", status, reason, message);

    [Theory]
    [InlineData(true, true, "True", "KubeletReady", "kubelet is posting ready status")]
    [InlineData(true, false, "False", "KubeletNotReady",
        "container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized")]
    [InlineData(false, true, "False", "KubeletNotReady", "container runtime not ready: RuntimeReady=false reason:Down message:shim gone")]
    [InlineData(false, false, "False", "KubeletNotReady",
        "[container runtime not ready: RuntimeReady=false reason:Down message:shim gone, container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized]")]
    public void Ready_follows_the_runtime_and_network_conditions(bool runtimeReady, bool networkReady, string status, string reason, string message)
    {
        RuntimeCondition[] runtime =
        [
            runtimeReady ? new(RuntimeCondition.RuntimeReady, true) : new(RuntimeCondition.RuntimeReady, false, "Down", "shim gone"),
            networkReady ? new(RuntimeCondition.NetworkReady, true) : new(RuntimeCondition.NetworkReady, false, "NetworkPluginNotReady", "Network plugin returns error: cni plugin not initialized"),
        ];

        AssertCondition(NodeConditionsCalculator.Compute(Usage(), runtime, NodeReservations.Default, null, Now), "Ready", status, reason, message);
    }

    [Theory]
    [InlineData(null, "container runtime status check may not have completed yet")]
    [InlineData("RuntimeReady", "container runtime network not ready: <nil>")]
    public void Missing_runtime_conditions_are_not_ready(string? present, string message)
    {
        IReadOnlyList<RuntimeCondition>? runtime = present is null ? null : [new RuntimeCondition(present, true)];

        AssertCondition(NodeConditionsCalculator.Compute(Usage(), runtime, NodeReservations.Default, null, Now), "Ready", "False", "KubeletNotReady", message);
    }

    [Fact]
    public void Transition_time_is_kept_while_the_status_stays_and_moves_when_it_flips()
    {
        var earlier = Now.AddMinutes(-10);
        var previous = Compute(Usage(), earlier);

        var same = Compute(Usage(), Now, previous);
        var flipped = Compute(Usage(memoryMi: 1), Now, previous);

        Assert.All(same, c => Assert.Equal(earlier, c.LastTransitionTime));
        Assert.All(same, c => Assert.Equal(Now, c.LastHeartbeatTime));
        Assert.Equal(Now, flipped.Single(c => c.Type == "MemoryPressure").LastTransitionTime);
        Assert.Equal(earlier, flipped.Single(c => c.Type == "Ready").LastTransitionTime);
        Assert.Equal(["MemoryPressure", "DiskPressure", "PIDPressure", "Ready"], same.Select(c => c.Type));
    }

    private static IList<V1NodeCondition> Compute(NodeUsage usage, DateTime? now = null, IEnumerable<V1NodeCondition>? previous = null) =>
        NodeConditionsCalculator.Compute(usage, Healthy, NodeReservations.Default, previous, now ?? Now);

    private static void AssertCondition(IList<V1NodeCondition> conditions, string type, string status, string reason, string message)
    {
        var condition = conditions.Single(c => c.Type == type);
        Assert.Equal((status, reason, message), (condition.Status, condition.Reason, condition.Message));
    }
}
