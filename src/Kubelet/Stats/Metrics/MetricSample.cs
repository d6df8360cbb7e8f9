namespace Orchestrator.Kubelet.Stats.Metrics;

/// <summary>One sample: label pairs, the value and, for a sample read at a known time, its timestamp.</summary>
internal sealed record MetricSample(IReadOnlyList<KeyValuePair<string, string>> Labels, double Value, DateTimeOffset? Timestamp = null)
{
    public static MetricSample Of(double value, DateTimeOffset? timestamp, params (string Name, string Value)[] labels) =>
        new(labels.Select(l => KeyValuePair.Create(l.Name, l.Value)).ToList(), value, timestamp);
}
