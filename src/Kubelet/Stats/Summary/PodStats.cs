namespace Orchestrator.Kubelet.Stats.Summary;

/// <summary>
/// One pod's stats (upstream PodStats). <c>volume</c> is absent (volume usage is not measured) and
/// <c>network</c> too; <c>ephemeral-storage</c> counts the containers' writable layers and logs, not emptyDir volumes.
/// </summary>
internal sealed record PodStats(
    [property: JsonPropertyName("podRef")] PodReference PodRef,
    [property: JsonPropertyName("startTime"), JsonConverter(typeof(RfcTimeConverter))] DateTimeOffset StartTime,
    [property: JsonPropertyName("containers")] IReadOnlyList<ContainerStats> Containers,
    [property: JsonPropertyName("cpu")] CpuStats? Cpu,
    [property: JsonPropertyName("memory")] MemoryStats? Memory,
    [property: JsonPropertyName("ephemeral-storage")] FsStats? EphemeralStorage);
