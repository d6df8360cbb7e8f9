namespace Orchestrator.ApiServer.Metrics.Scraping;

/// <summary>One sample line of the Prometheus text format: metric name, labels in the order written, value, and the timestamp (ms since the epoch) when one was written.</summary>
internal sealed record PrometheusSample(string Name, IReadOnlyList<KeyValuePair<string, string>> Labels, double Value, long? TimestampMs)
{
    /// <summary>The value of label <paramref name="name"/>, or null when the sample has none.</summary>
    public string? Label(string name)
    {
        foreach (var (key, value) in Labels)
        {
            if (key == name)
            {
                return value;
            }
        }

        return null;
    }
}
