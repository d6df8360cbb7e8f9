namespace Orchestrator.Kubelet.Node;

/// <summary>A node's <c>status.capacity</c> and <c>status.allocatable</c> from its machine facts (pure).</summary>
internal static class NodeResources
{
    public static IDictionary<string, ResourceQuantity> Capacity(MachineInfo machine, int maxPods)
    {
        ArgumentNullException.ThrowIfNull(machine);
        return new Dictionary<string, ResourceQuantity>
        {
            ["cpu"] = new(machine.CpuCores.ToString(CultureInfo.InvariantCulture)),
            ["memory"] = new(BinaryQuantity(machine.MemoryBytes)),
            ["ephemeral-storage"] = new(BinaryQuantity(machine.EphemeralStorageBytes)),
            ["pods"] = new(maxPods.ToString(CultureInfo.InvariantCulture)),
        };
    }

    /// <summary>
    /// Capacity minus reservations minus hard eviction thresholds (memory: the absolute threshold;
    /// ephemeral-storage: the nodefs fraction of capacity, computed in float32 like upstream), floored at 0.
    /// </summary>
    public static IDictionary<string, ResourceQuantity> Allocatable(MachineInfo machine, int maxPods, NodeReservations reservations)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(reservations);
        var cpuMillis = Math.Max(0, (machine.CpuCores * 1000L) - reservations.ReservedCpuMillis);
        var memory = Math.Max(0, machine.MemoryBytes - reservations.ReservedMemoryBytes - reservations.EvictionMemoryAvailableBytes);
        var nodeFsThreshold = (long)(reservations.EvictionNodeFsAvailableFraction * (float)machine.EphemeralStorageBytes);
        var storage = Math.Max(0, machine.EphemeralStorageBytes - reservations.ReservedEphemeralStorageBytes - nodeFsThreshold);
        return new Dictionary<string, ResourceQuantity>
        {
            ["cpu"] = new(cpuMillis % 1000 == 0 ? (cpuMillis / 1000).ToString(CultureInfo.InvariantCulture) : cpuMillis.ToString(CultureInfo.InvariantCulture) + "m"),
            ["memory"] = new(BinaryQuantity(memory)),
            ["ephemeral-storage"] = new(BinaryQuantity(storage)),
            ["pods"] = new(maxPods.ToString(CultureInfo.InvariantCulture)),
        };
    }

    /// <summary>Bytes in the canonical binary-SI form: the largest suffix that is exact (16709853184 → 16318216Ki).</summary>
    public static string BinaryQuantity(long bytes)
    {
        string[] suffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
        var index = 0;
        while (bytes != 0 && bytes % 1024 == 0 && index < suffixes.Length - 1)
        {
            bytes /= 1024;
            index++;
        }

        return bytes.ToString(CultureInfo.InvariantCulture) + suffixes[index];
    }
}
