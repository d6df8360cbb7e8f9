namespace Orchestrator.Kubelet.Stats.Metrics;

/// <summary>One metric family of the Prometheus text format: name, help (with its stability prefix), type and samples.</summary>
internal sealed record MetricFamily(string Name, string Help, string Type, IReadOnlyList<MetricSample> Samples);
