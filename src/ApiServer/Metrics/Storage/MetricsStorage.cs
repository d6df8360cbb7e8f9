namespace Orchestrator.ApiServer.Metrics.Storage;

/// <summary>
/// The points the scraper keeps and the API serves: one writer (the scraper, once per round) swaps in the next state;
/// any number of readers see one consistent state per read without locks.
/// </summary>
internal sealed class MetricsStorage(MetricsOptions options)
{
    private State _state = new(NodePoints.Empty, PodPoints.Empty);

    /// <summary>Takes a scrape round in: each series keeps its newest point and the one before (see <see cref="NodePoints"/>, <see cref="PodPoints"/>).</summary>
    public void Store(MetricsBatch round)
    {
        ArgumentNullException.ThrowIfNull(round);
        var current = Volatile.Read(ref _state);
        Volatile.Write(ref _state, new State(current.Nodes.Next(round.Nodes), current.Pods.Next(round.Pods, options.Resolution)));
    }

    public ResourceUsage? Node(string name) => Volatile.Read(ref _state).Nodes.Usage(name);

    public PodUsage? Pod(PodKey pod) => Volatile.Read(ref _state).Pods.Usage(pod);

    private sealed record State(NodePoints Nodes, PodPoints Pods);
}
