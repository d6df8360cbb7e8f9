namespace Orchestrator.ApiServer.Metrics.Storage;

/// <summary>
/// One measurement of a node or container, as metrics-server's storage keeps it: when it was taken, the cumulative CPU
/// time since <see cref="StartTime"/> (nanocore-seconds) and the memory working set (bytes). A node has no start time
/// (<see cref="DateTimeOffset.MinValue"/>).
/// </summary>
internal readonly record struct MetricsPoint(DateTimeOffset StartTime, DateTimeOffset Timestamp, ulong CumulativeCpuNanos, ulong MemoryBytes);
