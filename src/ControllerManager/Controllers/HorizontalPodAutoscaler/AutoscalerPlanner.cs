namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>
/// The decision part of upstream's reconcileAutoscaler, once the target's scale is known: a target at zero replicas
/// is left alone (scaling disabled), one outside min/max is brought back in, otherwise the metrics propose and
/// <see cref="ScaleNormalizer"/> stabilizes and limits. Records the recommendation in the history; pure otherwise.
/// </summary>
internal static class AutoscalerPlanner
{
    public static AutoscalerPlan Plan(
        V2HorizontalPodAutoscalerSpec spec, ScaleSnapshot scale, Func<MetricsEvaluation> evaluate, ScalingHistory history,
        TimeSpan downscaleStabilization, DateTimeOffset now)
    {
        var current = scale.SpecReplicas;
        var min = spec.MinReplicas ?? 1;
        if (current == 0 && min != 0)
        {
            ConditionChange disabled = new(HpaConditions.ScalingActive, "False", "ScalingDisabled", "scaling is disabled since the replica count of the target is zero");
            return new AutoscalerPlan(false, 0, "", [disabled], null, [], false, null);
        }

        if (current > spec.MaxReplicas)
        {
            return new AutoscalerPlan(true, spec.MaxReplicas, "Current number of replicas above Spec.MaxReplicas", [], null, [], false, null);
        }

        if (current < min)
        {
            return new AutoscalerPlan(true, min, "Current number of replicas below Spec.MinReplicas", [], null, [], false, null);
        }

        var evaluation = evaluate();
        if (evaluation.Failed)
        {
            return new AutoscalerPlan(false, current, "", [evaluation.Condition], evaluation.Statuses, evaluation.Events, true, evaluation.Error);
        }

        var proposed = Math.Max(0, evaluation.Replicas);
        var reason = proposed > current ? $"{evaluation.MetricName} above target"
            : proposed < current ? "All metrics below target"
            : "";
        var normalization = ScaleNormalizer.Normalize(spec.Behavior, history, current, proposed, min, spec.MaxReplicas, downscaleStabilization, now);
        return new AutoscalerPlan(
            normalization.Replicas != current, normalization.Replicas, reason,
            [evaluation.Condition, normalization.AbleToScale, normalization.ScalingLimited],
            evaluation.Statuses, evaluation.Events, false, evaluation.Error);
    }
}
