namespace Orchestrator.Kubelet.Stats.Summary;

/// <summary>One container's stats (upstream ContainerStats): cpu and memory from the runtime, its writable layer and its log files.</summary>
internal sealed record ContainerStats(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("startTime"), JsonConverter(typeof(RfcTimeConverter))] DateTimeOffset StartTime,
    [property: JsonPropertyName("cpu")] CpuStats? Cpu,
    [property: JsonPropertyName("memory")] MemoryStats? Memory,
    [property: JsonPropertyName("rootfs")] FsStats? Rootfs,
    [property: JsonPropertyName("logs")] FsStats? Logs);
