namespace Orchestrator.Kubelet.Stats.Summary;

/// <summary>
/// The node's stats (upstream NodeStats). <c>systemContainers</c>, <c>network</c>, <c>rlimit</c> and <c>swap</c>
/// are not measured here and stay absent, as upstream leaves a field it cannot fill.
/// </summary>
internal sealed record NodeStats(
    [property: JsonPropertyName("nodeName")] string NodeName,
    [property: JsonPropertyName("startTime"), JsonConverter(typeof(RfcTimeConverter))] DateTimeOffset StartTime,
    [property: JsonPropertyName("cpu")] CpuStats? Cpu,
    [property: JsonPropertyName("memory")] MemoryStats? Memory,
    [property: JsonPropertyName("fs")] FsStats? Fs,
    [property: JsonPropertyName("runtime")] RuntimeStats? Runtime);
