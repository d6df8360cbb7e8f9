using System.Collections.Concurrent;
using Prometheus;

namespace Orchestrator.Client;

/// <summary>
/// The live instances of a metrics owner whose gauges are read from their objects just before each scrape (work
/// queue in-progress time, scheduling queue sizes, running pods): one callback on prometheus-net's default registry,
/// registered with the first instance — a callback cannot be removed, an instance can go. Thread-safe.
/// </summary>
public sealed class ScrapedInstances<T>
    where T : class
{
    private readonly ConcurrentDictionary<T, byte> _live = new(ReferenceEqualityComparer.Instance);
    private readonly Action _update;
    private readonly Lazy<bool> _registered;

    /// <param name="beforeScrape">Sets the gauges from the instances alive now; called before each scrape and when one leaves.</param>
    public ScrapedInstances(Action<ICollection<T>> beforeScrape)
    {
        _update = () => beforeScrape(_live.Keys);
        _registered = new(() =>
        {
            Metrics.DefaultRegistry.AddBeforeCollectCallback(_update);
            return true;
        });
    }

    public void Add(T instance)
    {
        _live.TryAdd(instance, 0);
        _ = _registered.Value;
    }

    /// <summary>The instance no longer counts; the gauges are set again from the others at once.</summary>
    public void Remove(T instance)
    {
        _live.TryRemove(instance, out _);
        _update();
    }
}
