using Orchestrator.Kubelet.Node;

namespace Orchestrator.Kubelet.Tests.Node;

public sealed class NodeResourcesTests
{
    private static MachineInfo Machine(int cpus = 2, long memory = 16318216L * 1024, long storage = 100L * 1024 * 1024 * 1024) =>
        new(cpus, memory, storage, "6.1.0", "Debian", "amd64", "m", "u", "b");

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(1000L, "1000")]
    [InlineData(1024L, "1Ki")]
    [InlineData(16318216L * 1024, "16318216Ki")]
    [InlineData(1024L * 1024 * 1024, "1Gi")]
    [InlineData(1536L * 1024 * 1024, "1536Mi")]
    public void Bytes_render_in_canonical_binary_si(long bytes, string expected) => Assert.Equal(expected, NodeResources.BinaryQuantity(bytes));

    [Fact]
    public void Capacity_is_the_machine()
    {
        var capacity = NodeResources.Capacity(Machine(), 110);

        Assert.Equal("2", capacity["cpu"].ToString());
        Assert.Equal("16318216Ki", capacity["memory"].ToString());
        Assert.Equal("100Gi", capacity["ephemeral-storage"].ToString());
        Assert.Equal("110", capacity["pods"].ToString());
    }

    [Theory]
    [InlineData(0L, 0L, "2", "16215816Ki", "90Gi")]
    [InlineData(500L, 1024L * 1024 * 1024, "1500m", "15167240Ki", "90Gi")]
    public void Allocatable_subtracts_reservations_and_hard_eviction_thresholds(long cpuMillis, long memory, string cpu, string allocatableMemory, string storage)
    {
        var allocatable = NodeResources.Allocatable(Machine(), 110, new NodeReservations(ReservedCpuMillis: cpuMillis, ReservedMemoryBytes: memory));

        Assert.Equal(cpu, allocatable["cpu"].ToString());
        Assert.Equal(allocatableMemory, allocatable["memory"].ToString());
        Assert.Equal(storage, allocatable["ephemeral-storage"].ToString());
        Assert.Equal("110", allocatable["pods"].ToString());
    }

    [Fact]
    public void Allocatable_never_goes_negative() =>
        Assert.Equal("0", NodeResources.Allocatable(Machine(memory: 1024), 10, NodeReservations.Default)["memory"].ToString());
}
