using Orchestrator.ApiMachinery.Resources;
using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Registry.Autoscaling.HorizontalPodAutoscalers;

/// <summary>
/// Upstream's ValidateHorizontalPodAutoscaler (pkg/apis/autoscaling/validation) on the v2 shape: replica
/// bounds, the scale target reference, each metric (one source, populated as its type says, with a sound
/// target) and the scaling behavior's rules and policies.
/// </summary>
internal static class HorizontalPodAutoscalerValidation
{
    private const long MaxStabilizationWindowSeconds = 3600;
    private const long MaxPeriodSeconds = 1800;
    private static readonly string[] SourceTypes = ["ContainerResource", "External", "Object", "Pods", "Resource"];
    private static readonly string[] SelectPolicies = ["Disabled", "Max", "Min"];
    private static readonly string[] PolicyTypes = ["Percent", "Pods"];

    public static void Validate(JsonObject hpa, List<StatusCause> causes)
    {
        var spec = hpa["spec"] as JsonObject;
        var min = spec.LongOrNull("minReplicas");
        var max = spec.Long("maxReplicas");
        if (min is < 1)
        {
            causes.Add(FieldErrors.InvalidNumber("spec.minReplicas", min.Value, "must be greater than or equal to 1"));
        }

        if (max < 1)
        {
            causes.Add(FieldErrors.InvalidNumber("spec.maxReplicas", max, "must be greater than 0"));
        }

        if (min is { } lower && max < lower)
        {
            causes.Add(FieldErrors.InvalidNumber("spec.maxReplicas", max, "must be greater than or equal to `minReplicas`"));
        }

        ReferenceValidation.KindAndName(spec?["scaleTargetRef"] as JsonObject, "spec.scaleTargetRef", causes);
        var metrics = spec.Objects("metrics");
        for (var i = 0; i < metrics.Count; i++)
        {
            Metric(metrics[i], $"spec.metrics[{i}]", causes);
        }

        if (spec?["behavior"] is JsonObject behavior)
        {
            ScalingRules(behavior["scaleUp"] as JsonObject, "spec.behavior.scaleUp", causes);
            ScalingRules(behavior["scaleDown"] as JsonObject, "spec.behavior.scaleDown", causes);
        }
    }

    private static void Metric(JsonObject metric, string path, List<StatusCause> causes)
    {
        var type = metric.String("type");
        if (type.Length == 0)
        {
            causes.Add(FieldErrors.Required(path + ".type", "must specify a metric source type"));
        }

        var present = SourceTypes.Select(SourceField).Where(f => metric[f] is JsonObject).ToList();
        if (present.Count > 0)
        {
            Source(present[0], (JsonObject)metric[present[0]]!, $"{path}.{present[0]}", causes);
        }

        if (!SourceTypes.Contains(type))
        {
            causes.Add(FieldErrors.NotSupported(path + ".type", type, SourceTypes));
            return;
        }

        var expected = SourceField(type);
        if (!present.Contains(expected))
        {
            causes.Add(FieldErrors.Required($"{path}.{expected}", "must populate information for the given metric source"));
        }

        causes.AddRange(present.Where(f => f != expected).Select(f => FieldErrors.Forbidden($"{path}.{f}", "must populate the given metric source only")));
    }

    /// <summary>The field a metric source type's details go in: its name with the first letter lower-cased.</summary>
    private static string SourceField(string type) => char.ToLowerInvariant(type[0]) + type[1..];

    private static void Source(string field, JsonObject source, string path, List<StatusCause> causes)
    {
        var target = source["target"] as JsonObject;
        Target(target, path + ".target", causes);
        var value = target?["value"] is not null;
        var average = target?["averageValue"] is not null;
        var utilization = target?["averageUtilization"] is not null;
        switch (field)
        {
            case "resource" or "containerResource":
                if (source.String("name").Length == 0)
                {
                    causes.Add(FieldErrors.Required(path + ".name", "must specify a resource name"));
                }

                if (field == "containerResource" && source.String("container").Length == 0)
                {
                    causes.Add(FieldErrors.Required(path + ".container", "must specify a container"));
                }

                if (!utilization && !average)
                {
                    causes.Add(FieldErrors.Required(path + ".target.averageUtilization", "must set either a target raw value or a target utilization"));
                }

                if (utilization && average)
                {
                    causes.Add(FieldErrors.Forbidden(path + ".target.averageValue", "may not set both a target raw value and a target utilization"));
                }

                break;
            case "pods":
                MetricName(source, path, causes);
                if (!average)
                {
                    causes.Add(FieldErrors.Required(path + ".target.averageValue", "must specify a positive target averageValue"));
                }

                break;
            case "object":
                ReferenceValidation.KindAndName(source["describedObject"] as JsonObject, path + ".describedObject", causes);
                MetricName(source, path, causes);
                if (!value && !average)
                {
                    causes.Add(FieldErrors.Required(path + ".target.averageValue", "must set either a target value or averageValue"));
                }

                break;
            default:
                MetricName(source, path, causes);
                if (!value && !average)
                {
                    causes.Add(FieldErrors.Required(path + ".target.averageValue", "must set either a target value for metric or a per-pod target"));
                }

                if (value && average)
                {
                    causes.Add(FieldErrors.Forbidden(path + ".target.value", "may not set both a target value for metric and a per-pod target"));
                }

                break;
        }
    }

    private static void MetricName(JsonObject source, string path, List<StatusCause> causes)
    {
        if (source.String("metric", "name").Length == 0)
        {
            causes.Add(FieldErrors.Required(path + ".metric.name", "must specify a metric name"));
        }
    }

    private static void Target(JsonObject? target, string path, List<StatusCause> causes)
    {
        var type = target.String("type");
        if (type.Length == 0)
        {
            causes.Add(FieldErrors.Required(path + ".type", "must specify a metric target type"));
        }

        if (type is not ("Utilization" or "Value" or "AverageValue"))
        {
            causes.Add(FieldErrors.InvalidText(path + ".type", type, "must be either Utilization, Value, or AverageValue"));
        }

        foreach (var field in new[] { "value", "averageValue" })
        {
            if (target.IntOrString(field) is { } text && (!Quantity.TryParse(text, out var quantity, out _) || quantity.Sign != 1))
            {
                causes.Add(FieldErrors.Invalid($"{path}.{field}", text, "must be positive"));
            }
        }

        if (target.LongOrNull("averageUtilization") is < 1 and { } utilization)
        {
            causes.Add(FieldErrors.InvalidNumber(path + ".averageUtilization", utilization, "must be greater than 0"));
        }
    }

    private static void ScalingRules(JsonObject? rules, string path, List<StatusCause> causes)
    {
        if (rules is null)
        {
            return;
        }

        if (rules.LongOrNull("stabilizationWindowSeconds") is { } window)
        {
            if (window < 0)
            {
                causes.Add(FieldErrors.InvalidNumber(path + ".stabilizationWindowSeconds", window, "must be greater than or equal to zero"));
            }

            if (window > MaxStabilizationWindowSeconds)
            {
                causes.Add(FieldErrors.InvalidNumber(path + ".stabilizationWindowSeconds", window, "must be less than or equal to 3600"));
            }
        }

        if (rules.StringOrNull("selectPolicy") is { } select && !SelectPolicies.Contains(select))
        {
            causes.Add(FieldErrors.NotSupported(path + ".selectPolicy", select, SelectPolicies));
        }

        var policies = rules.Objects("policies");
        if (policies.Count == 0)
        {
            causes.Add(FieldErrors.Required(path + ".policies", "must specify at least one Policy"));
        }

        for (var i = 0; i < policies.Count; i++)
        {
            var at = $"{path}.policies[{i}]";
            var type = policies[i].String("type");
            if (!PolicyTypes.Contains(type))
            {
                causes.Add(FieldErrors.NotSupported(at + ".type", type, PolicyTypes));
            }

            var value = policies[i].Long("value");
            if (value <= 0)
            {
                causes.Add(FieldErrors.InvalidNumber(at + ".value", value, "must be greater than zero"));
            }

            var period = policies[i].Long("periodSeconds");
            if (period <= 0)
            {
                causes.Add(FieldErrors.InvalidNumber(at + ".periodSeconds", period, "must be greater than zero"));
            }

            if (period > MaxPeriodSeconds)
            {
                causes.Add(FieldErrors.InvalidNumber(at + ".periodSeconds", period, "must be less than or equal to 1800"));
            }
        }
    }
}
