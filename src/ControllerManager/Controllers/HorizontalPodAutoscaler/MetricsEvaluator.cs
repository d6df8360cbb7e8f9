using Orchestrator.ApiMachinery.Resources;
using Orchestrator.ApiMachinery.Selection;

namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>
/// Upstream's computeReplicasForMetrics for the metric types this cluster serves (Resource and ContainerResource
/// through metrics.k8s.io); Pods, Object and External metrics need the custom and external metrics APIs, which are
/// not served, so they fail with a condition saying so. Pure: the samples were fetched before.
/// </summary>
internal sealed class MetricsEvaluator(ReplicaCalculator calculator)
{
    /// <summary>The queries the metrics of <paramref name="metrics"/> need answered.</summary>
    public static IEnumerable<MetricQuery> Queries(IEnumerable<V2MetricSpec>? metrics) =>
        (metrics ?? []).Select(m => m.Type switch
        {
            "Resource" when m.Resource is { } r => new MetricQuery(r.Name, null),
            "ContainerResource" when m.ContainerResource is { } c => new MetricQuery(c.Name, c.Container),
            _ => (MetricQuery?)null,
        }).OfType<MetricQuery>().Distinct();

    /// <param name="specs">The autoscaler's metrics.</param>
    /// <param name="scale">The target's scale.</param>
    /// <param name="pods">The pods the scale's selector selects.</param>
    /// <param name="fetched">The samples of each query.</param>
    /// <param name="now">The clock.</param>
    /// <param name="controllers">The autoscalers ("namespace/name") whose selectors select any of <paramref name="pods"/>: more than one is ambiguous.</param>
    public MetricsEvaluation Evaluate(
        IList<V2MetricSpec>? specs, ScaleSnapshot scale, IReadOnlyList<V1Pod> pods,
        IReadOnlyDictionary<MetricQuery, MetricsFetch> fetched, DateTimeOffset now, IReadOnlyCollection<string>? controllers = null)
    {
        specs ??= [];
        var events = new List<HpaEvent>();
        if (string.IsNullOrEmpty(scale.Selector))
        {
            events.Add(HpaEvent.Warning("SelectorRequired", "selector is required"));
            return Fail(events, "InvalidSelector", "the HPA target's scale is missing a selector", "selector is required");
        }

        try
        {
            _ = LabelRequirements.Parse(scale.Selector);
        }
        catch (SelectorException e)
        {
            var message = "couldn't convert selector into a corresponding internal selector object: " + e.Message;
            events.Add(HpaEvent.Warning("InvalidSelector", message));
            return Fail(events, "InvalidSelector", message, message);
        }

        if (controllers is { Count: > 1 })
        {
            // Upstream prints its []selectors.Key with %v: "[ns/a ns/b]".
            var message = $"pods by selector {scale.Selector} are controlled by multiple HPAs: [{string.Join(' ', controllers.Order(StringComparer.Ordinal))}]";
            events.Add(HpaEvent.Warning("AmbiguousSelector", message));
            return Fail(events, "AmbiguousSelector", message, message);
        }

        var statuses = specs.Select(_ => new V2MetricStatus { Type = "" }).ToList();
        var replicas = 0;
        var metricName = "";
        var invalid = 0;
        (string Reason, string Message)? firstFailure = null;
        string? firstError = null;
        for (var i = 0; i < specs.Count; i++)
        {
            try
            {
                var (proposal, name, status) = Compute(specs[i], scale.SpecReplicas, pods, fetched, now);
                statuses[i] = status;
                if (replicas == 0 || proposal > replicas)
                {
                    replicas = proposal;
                    metricName = name;
                }
            }
            catch (MetricFailure failure)
            {
                events.Add(HpaEvent.Warning(failure.Reason, failure.Message));
                if (invalid++ == 0)
                {
                    firstFailure = (failure.Reason, "the HPA was unable to compute the replica count: " + failure.Message);
                    firstError = failure.Outer;
                }
            }
        }

        var error = firstError is null ? null : $"invalid metrics ({invalid} invalid out of {specs.Count}), first error is: {firstError}";

        // All metrics failed, or some failed and the rest would scale down: do nothing rather than act on part of the picture.
        if (invalid >= specs.Count || (invalid > 0 && replicas < scale.SpecReplicas))
        {
            var (reason, message) = firstFailure ?? ("InvalidMetricSourceType", "the HPA was unable to compute the replica count: no metrics");
            return new MetricsEvaluation(-1, "", statuses, new ConditionChange(HpaConditions.ScalingActive, "False", reason, message), events, error ?? "no metrics");
        }

        var valid = new ConditionChange(HpaConditions.ScalingActive, "True", "ValidMetricFound", "the HPA was able to successfully calculate a replica count from " + metricName);
        return new MetricsEvaluation(replicas, metricName, statuses, valid, events, error);
    }

    private (int Replicas, string Name, V2MetricStatus Status) Compute(
        V2MetricSpec spec, int specReplicas, IReadOnlyList<V1Pod> pods, IReadOnlyDictionary<MetricQuery, MetricsFetch> fetched, DateTimeOffset now)
    {
        switch (spec.Type)
        {
            case "Resource" when spec.Resource is { } resource:
                {
                    var (replicas, name, current) = ComputeResource(resource.Name, null, resource.Target, specReplicas, pods, fetched, now, "FailedGetResourceMetric", "resource metric value");
                    return (replicas, name, new V2MetricStatus { Type = "Resource", Resource = new V2ResourceMetricStatus { Name = resource.Name, Current = current } });
                }

            case "ContainerResource" when spec.ContainerResource is { } resource:
                {
                    var (replicas, name, current) = ComputeResource(resource.Name, resource.Container, resource.Target, specReplicas, pods, fetched, now, "FailedGetContainerResourceMetric", "container metric value");
                    return (replicas, name, new V2MetricStatus
                    {
                        Type = "ContainerResource",
                        ContainerResource = new V2ContainerResourceMetricStatus { Name = resource.Name, Container = resource.Container, Current = current },
                    });
                }

            case "Pods":
                throw NotServed("FailedGetPodsMetric", "pods", spec.Pods?.Metric?.Name, "custom.metrics.k8s.io");
            case "Object":
                throw NotServed("FailedGetObjectMetric", "object", spec.ObjectProperty?.Metric?.Name, "custom.metrics.k8s.io");
            case "External":
                throw NotServed("FailedGetExternalMetric", "external", spec.External?.Metric?.Name, "external.metrics.k8s.io");
            default:
                {
                    var message = $"unknown metric source type \"{spec.Type}\"";
                    throw new MetricFailure("InvalidMetricSourceType", message, message);
                }
        }
    }

    private (int Replicas, string Name, V2MetricValueStatus Current) ComputeResource(
        string resource, string? container, V2MetricTarget? target, int specReplicas, IReadOnlyList<V1Pod> pods,
        IReadOnlyDictionary<MetricQuery, MetricsFetch> fetched, DateTimeOffset now, string reason, string what)
    {
        var kind = container is null ? "resource" : "container resource";
        var outer = $"failed to get {resource} {what}: ";
        if (target?.AverageValue is { } averageValue)
        {
            var detail = $"failed to get {resource} usage: ";
            var proposal = Calculate(() => calculator.AverageValue(specReplicas, QuantityValues.MilliValue(averageValue), resource, pods, Samples(fetched, resource, container), now), reason, detail, outer);
            return (proposal.Replicas, $"{resource} {kind}", new V2MetricValueStatus { AverageValue = Milli(proposal.AverageValue) });
        }

        if (target?.AverageUtilization is not { } utilization)
        {
            const string invalid = "invalid resource metric source: neither an average utilization target nor an average value (usage) target was set";
            throw new MetricFailure(reason, invalid, outer + invalid);
        }

        var detailed = $"failed to get {resource} utilization: ";
        var result = Calculate(() => calculator.Utilization(specReplicas, utilization, resource, container, pods, Samples(fetched, resource, container), now), reason, detailed, outer);
        return (result.Replicas, $"{resource} {kind} utilization (percentage of request)", new V2MetricValueStatus { AverageUtilization = result.Utilization, AverageValue = Milli(result.AverageValue) });
    }

    private static ReplicaProposal Calculate(Func<ReplicaProposal> calculate, string reason, string detail, string outer)
    {
        try
        {
            return calculate();
        }
        catch (ReplicaCalculationException e)
        {
            throw new MetricFailure(reason, detail + e.Message, outer + detail + e.Message);
        }
    }

    private static PodResourceMetrics Samples(IReadOnlyDictionary<MetricQuery, MetricsFetch> fetched, string resource, string? container) =>
        fetched.TryGetValue(new MetricQuery(resource, container), out var fetch) && fetch.Metrics is { } metrics
            ? metrics
            : throw new ReplicaCalculationException($"unable to get metrics for resource {resource}: {fetch?.Error ?? "not fetched"}");

    private static MetricFailure NotServed(string reason, string type, string? name, string api)
    {
        var message = $"unable to get metric {name}: the {api} API is not served by this cluster (only Resource and ContainerResource metrics are supported)";
        return new MetricFailure(reason, message, $"failed to get {type} metric value: {message}");
    }

    private static ResourceQuantity Milli(long milli) =>
        new(new Quantity(milli, -3, QuantityFormat.DecimalSI).ToString());

    private static MetricsEvaluation Fail(List<HpaEvent> events, string reason, string message, string error) =>
        new(-1, "", [], new ConditionChange(HpaConditions.ScalingActive, "False", reason, message), events, error);
}
