namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>
/// Upstream's replica calculator for resource metrics, pure: the pods and their samples in, a proposal out.
/// The usage ratio (current / target) times the ready pods gives the count; within the tolerance nothing changes;
/// when pods lack samples or are unready, the ratio is recomputed with missing pods at 100 % of their request (or the
/// target, scaling down) or 0 % (scaling up) and unready pods at 0 % (scaling up only), and the change is dropped if
/// that reverses its direction.
/// </summary>
internal sealed class ReplicaCalculator(HorizontalPodAutoscalerOptions options)
{
    /// <summary>An average utilization target, in percent of the pods' requests (upstream's GetResourceReplicas).</summary>
    /// <exception cref="ReplicaCalculationException">No pods, no usable samples, or a request missing.</exception>
    public ReplicaProposal Utilization(
        int currentReplicas, int targetUtilization, string resource, string? container,
        IReadOnlyList<V1Pod> pods, PodResourceMetrics metrics, DateTimeOffset now)
    {
        // Requests first: a pod missing one fails the calculation even when no sample would count.
        var requests = PodRequests.Of(pods, resource, container);
        var (samples, groups) = CountedSamples(pods, metrics, resource, now);
        var (ratio, utilization, average) = UtilizationRatio(samples, requests, targetUtilization);
        var scaleUpWithUnready = groups.Unready.Count > 0 && ratio > 1.0;
        if (!scaleUpWithUnready && groups.Missing.Count == 0)
        {
            var replicas = Within(ratio) ? currentReplicas : Ceiling(ratio * groups.ReadyCount);
            return new ReplicaProposal(replicas, utilization, average, metrics.Timestamp);
        }

        if (groups.Missing.Count > 0 && ratio != 1.0)
        {
            // Scaling down, a pod without a sample counts as using all of its request (or the target when that is
            // higher); scaling up, as using nothing.
            var fallback = Math.Max(100, targetUtilization);
            foreach (var name in groups.Missing)
            {
                samples[name] = ratio < 1.0 ? requests[name] * fallback / 100 : 0;
            }
        }

        if (scaleUpWithUnready)
        {
            foreach (var name in groups.Unready)
            {
                samples[name] = 0;
            }
        }

        var (newRatio, _, _) = UtilizationRatio(samples, requests, targetUtilization);
        var proposal = Rebalanced(currentReplicas, ratio, newRatio, samples.Count);
        return new ReplicaProposal(proposal, utilization, average, metrics.Timestamp);
    }

    /// <summary>An average value target per pod, in milli-units (upstream's GetRawResourceReplicas).</summary>
    /// <exception cref="ReplicaCalculationException">No pods or no usable samples.</exception>
    public ReplicaProposal AverageValue(
        int currentReplicas, long targetMilli, string resource, IReadOnlyList<V1Pod> pods, PodResourceMetrics metrics, DateTimeOffset now)
    {
        var (samples, groups) = CountedSamples(pods, metrics, resource, now);
        var (ratio, average) = UsageRatio(samples, targetMilli);
        var scaleUpWithUnready = groups.Unready.Count > 0 && ratio > 1.0;
        if (!scaleUpWithUnready && groups.Missing.Count == 0)
        {
            var replicas = Within(ratio) ? currentReplicas : Ceiling(ratio * groups.ReadyCount);
            return new ReplicaProposal(replicas, null, average, metrics.Timestamp);
        }

        foreach (var name in groups.Missing)
        {
            samples[name] = ratio < 1.0 ? targetMilli : 0;
        }

        if (scaleUpWithUnready)
        {
            foreach (var name in groups.Unready)
            {
                samples[name] = 0;
            }
        }

        var (newRatio, _) = UsageRatio(samples, targetMilli);
        return new ReplicaProposal(Rebalanced(currentReplicas, ratio, newRatio, samples.Count), null, average, metrics.Timestamp);
    }

    /// <summary>The pods' groups and the samples that count: those of ignored and unready pods removed.</summary>
    /// <exception cref="ReplicaCalculationException">No pods, or no sample left.</exception>
    private (Dictionary<string, long> Samples, PodGroups Groups) CountedSamples(
        IReadOnlyList<V1Pod> pods, PodResourceMetrics metrics, string resource, DateTimeOffset now)
    {
        if (pods.Count == 0)
        {
            throw new ReplicaCalculationException("no pods returned by selector while calculating replica count");
        }

        var samples = metrics.Pods.ToDictionary(p => p.Key, p => p.Value.Value, StringComparer.Ordinal);
        var groups = PodGroups.Of(pods, metrics.Pods, resource, options.CpuInitializationPeriod, options.InitialReadinessDelay, now);
        Remove(samples, groups.Ignored);
        Remove(samples, groups.Unready);
        return samples.Count > 0
            ? (samples, groups)
            : throw new ReplicaCalculationException("did not receive metrics for targeted pods (pods might be unready)");
    }

    /// <summary>The count from the recomputed ratio, unless it is within tolerance or turns the direction around.</summary>
    private int Rebalanced(int currentReplicas, double ratio, double newRatio, int counted)
    {
        if (Within(newRatio) || (ratio < 1.0 && newRatio > 1.0) || (ratio > 1.0 && newRatio < 1.0))
        {
            return currentReplicas;
        }

        var replicas = Ceiling(newRatio * counted);
        return (newRatio < 1.0 && replicas > currentReplicas) || (newRatio > 1.0 && replicas < currentReplicas) ? currentReplicas : replicas;
    }

    private bool Within(double ratio) => Math.Abs(1.0 - ratio) <= options.Tolerance;

    private static int Ceiling(double value) => (int)Math.Ceiling(value);

    /// <summary>Upstream's GetResourceUtilizationRatio: the ratio uses the utilization truncated to whole percent.</summary>
    private static (double Ratio, int Utilization, long Average) UtilizationRatio(Dictionary<string, long> samples, Dictionary<string, long> requests, int target)
    {
        long used = 0, requested = 0, entries = 0;
        foreach (var (name, value) in samples)
        {
            if (requests.TryGetValue(name, out var request))
            {
                used += value;
                requested += request;
                entries++;
            }
        }

        if (requested == 0)
        {
            throw new ReplicaCalculationException("no metrics returned matched known pods");
        }

        var utilization = (int)(used * 100 / requested);
        return ((double)utilization / target, utilization, used / entries);
    }

    /// <summary>Upstream's GetMetricUsageRatio: the average truncated to whole milli-units, over the target.</summary>
    private static (double Ratio, long Average) UsageRatio(Dictionary<string, long> samples, long target)
    {
        var average = samples.Values.Sum() / samples.Count;
        return ((double)average / target, average);
    }

    private static void Remove(Dictionary<string, long> samples, IReadOnlySet<string> names)
    {
        foreach (var name in names)
        {
            samples.Remove(name);
        }
    }
}
