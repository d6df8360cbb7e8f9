namespace Orchestrator.ApiServer.Metrics.Storage;

/// <summary>
/// The two newest points of every node (metrics-server's node storage), immutable: <see cref="Next"/> returns the
/// state after a scrape round. A node missing from a round is forgotten; a point older than the one kept as
/// previous drops the previous one, so a rate is never taken across time running backwards.
/// </summary>
internal sealed class NodePoints
{
    private readonly Dictionary<string, MetricsPoint> _last;
    private readonly Dictionary<string, MetricsPoint> _prev;

    private NodePoints(Dictionary<string, MetricsPoint> last, Dictionary<string, MetricsPoint> prev)
    {
        _last = last;
        _prev = prev;
    }

    public static NodePoints Empty { get; } = new([], []);

    /// <summary>How many nodes have two points (metrics can be served for them).</summary>
    public int Complete => _prev.Count;

    /// <summary>The state after a round that read <paramref name="round"/>.</summary>
    public NodePoints Next(IReadOnlyDictionary<string, MetricsPoint> round)
    {
        var last = new Dictionary<string, MetricsPoint>(round.Count, StringComparer.Ordinal);
        var prev = new Dictionary<string, MetricsPoint>(round.Count, StringComparer.Ordinal);
        foreach (var (node, point) in round)
        {
            last[node] = point;
            if (!_last.TryGetValue(node, out var kept))
            {
                continue;
            }

            if (point.Timestamp > kept.Timestamp)
            {
                prev[node] = kept;
            }
            else if (_prev.TryGetValue(node, out var older) && older.Timestamp < point.Timestamp)
            {
                // The kubelet answered with the same (cached) point again: the window stays as it was.
                prev[node] = older;
            }
        }

        return new NodePoints(last, prev);
    }

    /// <summary>The node's usage over its two newest points, or null when it has fewer or they make no rate.</summary>
    public ResourceUsage? Usage(string node) =>
        _last.TryGetValue(node, out var last) && _prev.TryGetValue(node, out var prev) ? ResourceUsage.Between(last, prev) : null;
}
