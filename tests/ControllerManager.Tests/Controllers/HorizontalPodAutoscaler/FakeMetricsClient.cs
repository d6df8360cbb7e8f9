using System.Collections.Concurrent;
using Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

namespace Orchestrator.ControllerManager.Tests.Controllers.HorizontalPodAutoscaler;

/// <summary>Usage the test sets per pod (milli-units of any resource asked for), sampled "now" over a 15 s window.</summary>
internal sealed class FakeMetricsClient : IMetricsClient
{
    private readonly ConcurrentDictionary<string, long> _usage = new(StringComparer.Ordinal);

    public void Set(string pod, long milli) => _usage[pod] = milli;

    public void SetAll(IEnumerable<string> pods, long milli)
    {
        foreach (var pod in pods)
        {
            Set(pod, milli);
        }
    }

    public Task<PodResourceMetrics> GetResourceMetricAsync(string resource, string ns, string selector, string? container, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var pods = _usage.ToDictionary(p => p.Key, p => new PodMetric(p.Value, now, TimeSpan.FromSeconds(15)), StringComparer.Ordinal);
        return pods.Count == 0
            ? throw new MetricsUnavailableException("no metrics returned from resource metrics API")
            : Task.FromResult(new PodResourceMetrics(pods, now));
    }
}
