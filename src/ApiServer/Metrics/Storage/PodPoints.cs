namespace Orchestrator.ApiServer.Metrics.Storage;

/// <summary>
/// The two newest points of every container, per pod (metrics-server's pod storage), immutable: <see cref="Next"/>
/// returns the state after a scrape round. A container that restarted since the point kept (its start time is not
/// before that point) starts over; a container that started less than one resolution ago, but at least
/// <see cref="FreshContainerMinimum"/> ago, gets a previous point at its start time with no CPU used, so a new pod
/// has metrics after one scrape instead of two.
/// </summary>
internal sealed class PodPoints
{
    /// <summary>metrics-server's freshContainerMinMetricsResolution: a shorter window gives too rough a rate.</summary>
    public static readonly TimeSpan FreshContainerMinimum = TimeSpan.FromSeconds(10);

    private readonly Dictionary<PodKey, Dictionary<string, MetricsPoint>> _last;
    private readonly Dictionary<PodKey, Dictionary<string, MetricsPoint>> _prev;

    private PodPoints(Dictionary<PodKey, Dictionary<string, MetricsPoint>> last, Dictionary<PodKey, Dictionary<string, MetricsPoint>> prev)
    {
        _last = last;
        _prev = prev;
    }

    public static PodPoints Empty { get; } = new([], []);

    /// <summary>How many containers have two points.</summary>
    public int Complete => _prev.Values.Sum(p => p.Count);

    /// <summary>The state after a round that read <paramref name="round"/>, scraped every <paramref name="resolution"/>.</summary>
    public PodPoints Next(IReadOnlyDictionary<PodKey, IReadOnlyDictionary<string, MetricsPoint>> round, TimeSpan resolution)
    {
        var last = new Dictionary<PodKey, Dictionary<string, MetricsPoint>>(round.Count);
        var prev = new Dictionary<PodKey, Dictionary<string, MetricsPoint>>(round.Count);
        foreach (var (pod, containers) in round)
        {
            var keptLast = _last.GetValueOrDefault(pod);
            var keptPrev = _prev.GetValueOrDefault(pod);
            var newLast = new Dictionary<string, MetricsPoint>(containers.Count, StringComparer.Ordinal);
            var newPrev = new Dictionary<string, MetricsPoint>(containers.Count, StringComparer.Ordinal);
            foreach (var (container, point) in containers)
            {
                newLast[container] = point;
                if (PreviousOf(point, keptLast?.GetValueOrDefault(container), keptPrev?.GetValueOrDefault(container), resolution) is { } previous)
                {
                    newPrev[container] = previous;
                }
            }

            last[pod] = newLast;
            if (newPrev.Count > 0)
            {
                prev[pod] = newPrev;
            }
        }

        return new PodPoints(last, prev);
    }

    /// <summary>
    /// The pod's usage, or null unless every container it reported last has two points; a container whose points
    /// make no rate is left out of a pod that is otherwise served.
    /// </summary>
    public PodUsage? Usage(PodKey pod)
    {
        if (!_last.TryGetValue(pod, out var last) || !_prev.TryGetValue(pod, out var prev) || last.Keys.Any(c => !prev.ContainsKey(c)))
        {
            return null;
        }

        var containers = new List<(string, ResourceUsage)>(last.Count);
        ResourceUsage? earliest = null;
        foreach (var (container, point) in last.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            if (ResourceUsage.Between(point, prev[container]) is not { } usage)
            {
                continue;
            }

            containers.Add((container, usage));
            if (earliest is null || usage.Timestamp < earliest.Timestamp)
            {
                earliest = usage;
            }
        }

        return new PodUsage(earliest?.Timestamp ?? default, earliest?.Window ?? default, containers);
    }

    private static MetricsPoint? PreviousOf(MetricsPoint point, MetricsPoint? keptLast, MetricsPoint? keptPrev, TimeSpan resolution)
    {
        var age = point.Timestamp - point.StartTime;
        if (point.StartTime < point.Timestamp && age < resolution && age >= FreshContainerMinimum)
        {
            return point with { Timestamp = point.StartTime, CumulativeCpuNanos = 0 };
        }

        // Without a restart since the point kept, that point (or, when the new one is no newer, the one before it) stays.
        if (keptLast is not { } kept || point.StartTime >= kept.Timestamp)
        {
            return null;
        }

        if (point.Timestamp > kept.Timestamp)
        {
            return kept;
        }

        return keptPrev is { } older && older.Timestamp < point.Timestamp ? older : null;
    }
}
