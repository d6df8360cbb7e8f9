namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>
/// The selected pods sorted as upstream's groupPods does: deleted and failed pods are ignored; pending pods and,
/// for cpu, pods whose samples cannot be trusted yet are unready; running pods without a sample are missing;
/// the rest count as ready.
/// </summary>
internal sealed record PodGroups(int ReadyCount, IReadOnlySet<string> Unready, IReadOnlySet<string> Missing, IReadOnlySet<string> Ignored)
{
    public static PodGroups Of(
        IReadOnlyList<V1Pod> pods, IReadOnlyDictionary<string, PodMetric> metrics, string resource,
        TimeSpan cpuInitializationPeriod, TimeSpan initialReadinessDelay, DateTimeOffset now)
    {
        var ready = 0;
        var unready = new HashSet<string>(StringComparer.Ordinal);
        var missing = new HashSet<string>(StringComparer.Ordinal);
        var ignored = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            var name = pod.Metadata.Name;
            var phase = pod.Status?.Phase;
            if (pod.Metadata.DeletionTimestamp is not null || phase == "Failed")
            {
                ignored.Add(name);
            }
            else if (phase == "Pending")
            {
                unready.Add(name);
            }
            else if (!metrics.TryGetValue(name, out var metric))
            {
                missing.Add(name);
            }
            else if (resource == "cpu" && CpuSampleUntrusted(pod, metric, cpuInitializationPeriod, initialReadinessDelay, now))
            {
                unready.Add(name);
            }
            else
            {
                ready++;
            }
        }

        return new PodGroups(ready, unready, missing, ignored);
    }

    /// <summary>
    /// Within the initialization period a cpu sample counts only from a ready pod and only once a whole window
    /// was sampled after it became ready (start-up bursts); later, only a pod that never became ready is distrusted.
    /// </summary>
    private static bool CpuSampleUntrusted(V1Pod pod, PodMetric metric, TimeSpan cpuInitializationPeriod, TimeSpan initialReadinessDelay, DateTimeOffset now)
    {
        var condition = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        if (condition is null || pod.Status?.StartTime is not { } started)
        {
            return true;
        }

        var start = Utc(started);
        var transition = condition.LastTransitionTime is { } t ? Utc(t) : DateTimeOffset.MinValue;
        if (start + cpuInitializationPeriod > now)
        {
            return condition.Status == "False" || metric.Timestamp < transition + metric.Window;
        }

        return condition.Status == "False" && start + initialReadinessDelay > transition;
    }

    private static DateTimeOffset Utc(DateTime time) => Times.Utc(time);
}
