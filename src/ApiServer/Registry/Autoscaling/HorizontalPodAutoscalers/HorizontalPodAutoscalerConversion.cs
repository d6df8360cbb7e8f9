namespace Orchestrator.ApiServer.Registry.Autoscaling.HorizontalPodAutoscalers;

/// <summary>
/// autoscaling/v1 ⇄ autoscaling/v2 HorizontalPodAutoscalers, as upstream's pkg/apis/autoscaling/v1/conversion.go:
/// v1 has only <c>targetCPUUtilizationPercentage</c> (the first v2 Resource metric on cpu, when it targets an
/// average utilization) and <c>currentCPUUtilizationPercentage</c>; everything else v2 holds (other metrics,
/// current metrics, behavior, conditions) travels in v1 in the <c>autoscaling.alpha.kubernetes.io/*</c>
/// annotations, JSON-encoded, and comes back from them: the other metrics first, then the CPU target. A v1
/// autoscaler naming no metric targets 80 % CPU. Annotations that do not hold well-formed JSON of their shape
/// are dropped, as upstream's conversion drops them ("only move well-formed data from annotations to fields"),
/// and the four annotations never reach the stored object (upstream's DropRoundTripHorizontalPodAutoscalerAnnotations).
/// Pure functions over copies: the input is never changed.
/// </summary>
internal static class HorizontalPodAutoscalerConversion
{
    public const string MetricsAnnotation = "autoscaling.alpha.kubernetes.io/metrics";
    public const string CurrentMetricsAnnotation = "autoscaling.alpha.kubernetes.io/current-metrics";
    public const string BehaviorAnnotation = "autoscaling.alpha.kubernetes.io/behavior";
    public const string ConditionsAnnotation = "autoscaling.alpha.kubernetes.io/conditions";

    private static readonly string[] RoundTripAnnotations = [MetricsAnnotation, CurrentMetricsAnnotation, BehaviorAnnotation, ConditionsAnnotation];
    private static readonly string[] CopiedSpec = ["scaleTargetRef", "minReplicas", "maxReplicas"];
    private static readonly string[] CopiedStatus = ["observedGeneration", "lastScaleTime", "currentReplicas", "desiredReplicas"];

    /// <summary>The autoscaling/v1 view of a stored autoscaling/v2 object.</summary>
    public static JsonObject ToV1(JsonObject v2)
    {
        var v1 = Envelope(v2, "autoscaling/v1");
        var annotations = v1["metadata"]?["annotations"] as JsonObject;
        var specV2 = v2["spec"] as JsonObject;
        var spec = Copy(specV2, CopiedSpec);
        var metrics = JsonFields.Items(specV2, "metrics").Select(m => m.Item).ToList();
        if (metrics.FirstOrDefault(IsCpu)?["resource"]?["target"]?["averageUtilization"] is { } utilization)
        {
            spec["targetCPUUtilizationPercentage"] = utilization.DeepClone();
        }

        v1["spec"] = spec;
        var added = new List<(string, JsonNode)>();
        if (metrics.Where(m => !IsCpuUtilization(m)).Select(MetricConversion.SpecToV1).ToList() is { Count: > 0 } others)
        {
            added.Add((MetricsAnnotation, new JsonArray([.. others])));
        }

        var statusV2 = v2["status"] as JsonObject;
        var current = JsonFields.Items(statusV2, "currentMetrics").Select(m => m.Item).ToList();
        if (current.Count > 0)
        {
            added.Add((CurrentMetricsAnnotation, new JsonArray([.. current.Select(MetricConversion.StatusToV1)])));
        }

        if (specV2?["behavior"] is JsonObject behavior)
        {
            added.Add((BehaviorAnnotation, behavior.DeepClone()));
        }

        if (statusV2?["conditions"] is JsonArray { Count: > 0 } conditions)
        {
            added.Add((ConditionsAnnotation, conditions.DeepClone()));
        }

        foreach (var (name, value) in added)
        {
            annotations ??= JsonFields.Child(JsonFields.Child(v1, "metadata"), "annotations");
            annotations[name] = value.ToJsonString();
        }

        if (statusV2 is not null)
        {
            var status = Copy(statusV2, CopiedStatus);

            // Upstream walks every current metric: the last CPU utilization wins.
            if (current.LastOrDefault(m => IsCpu(m) && m["resource"]?["current"]?["averageUtilization"] is not null) is { } cpu)
            {
                status["currentCPUUtilizationPercentage"] = cpu["resource"]!["current"]!["averageUtilization"]!.DeepClone();
            }

            v1["status"] = status;
        }

        return v1;
    }

    /// <summary>The autoscaling/v2 object a v1 body stands for, its annotations taken back into the fields they carry.</summary>
    public static JsonObject FromV1(JsonObject v1)
    {
        var v2 = Envelope(v1, "autoscaling/v2");
        var annotations = v1["metadata"]?["annotations"] as JsonObject;
        var specV1 = v1["spec"] as JsonObject;
        var spec = Copy(specV1, CopiedSpec);
        var metrics = new JsonArray();
        if (Parse<JsonArray>(annotations, MetricsAnnotation) is { } others && others.All(m => m is JsonObject))
        {
            foreach (var metric in others)
            {
                metrics.Add(MetricConversion.SpecToV2((JsonObject)metric!));
            }
        }

        if (JsonFields.Integer(specV1?["targetCPUUtilizationPercentage"]) is { } percent)
        {
            metrics.Add(HorizontalPodAutoscalerDefaults.CpuUtilization(percent));
        }

        if (metrics.Count == 0)
        {
            metrics.Add(HorizontalPodAutoscalerDefaults.CpuUtilization(HorizontalPodAutoscalerDefaults.DefaultCpuUtilization));
        }

        spec["metrics"] = metrics;
        if (Parse<JsonObject>(annotations, BehaviorAnnotation) is { } behavior && (behavior["scaleUp"] is not null || behavior["scaleDown"] is not null))
        {
            spec["behavior"] = behavior;
        }

        v2["spec"] = spec;
        if (Status(v1["status"] as JsonObject, annotations) is { } status)
        {
            v2["status"] = status;
        }

        DropRoundTripAnnotations(v2);
        return v2;
    }

    /// <summary>
    /// Removes the four round-trip annotations from <paramref name="obj"/> (and its annotations when none is left):
    /// upstream drops them from every autoscaling/v2 object it converts, so a v2 client cannot store them.
    /// </summary>
    public static void DropRoundTripAnnotations(JsonObject obj)
    {
        if (obj["metadata"]?["annotations"] is not JsonObject annotations)
        {
            return;
        }

        foreach (var name in RoundTripAnnotations)
        {
            annotations.Remove(name);
        }

        if (annotations.Count == 0)
        {
            ((JsonObject)obj["metadata"]!).Remove("annotations");
        }
    }

    /// <summary>The v2 status: v1's fields, the current metrics from their annotation (over the CPU percentage) and the conditions from theirs.</summary>
    private static JsonObject? Status(JsonObject? statusV1, JsonObject? annotations)
    {
        var current = Parse<JsonArray>(annotations, CurrentMetricsAnnotation) is { } annotated && annotated.All(m => m is JsonObject)
            ? annotated.Select(m => (JsonNode?)MetricConversion.StatusToV2((JsonObject)m!)).ToList()
            : null;
        var conditions = Parse<JsonArray>(annotations, ConditionsAnnotation);
        if (statusV1 is null && current is null && conditions is null)
        {
            return null;
        }

        var status = Copy(statusV1, CopiedStatus);
        if (current is null && JsonFields.Integer(statusV1?["currentCPUUtilizationPercentage"]) is { } used)
        {
            current = [new JsonObject { ["type"] = "Resource", ["resource"] = new JsonObject { ["name"] = "cpu", ["current"] = new JsonObject { ["averageUtilization"] = used } } }];
        }

        if (current is { Count: > 0 })
        {
            status["currentMetrics"] = new JsonArray([.. current]);
        }

        if (conditions is { Count: > 0 })
        {
            status["conditions"] = conditions;
        }

        return status;
    }

    private static bool IsCpu(JsonObject metric) =>
        JsonFields.Text(metric["type"]) == "Resource" && JsonFields.Text(metric["resource"]?["name"]) == "cpu";

    private static bool IsCpuUtilization(JsonObject metric) => IsCpu(metric) && metric["resource"]?["target"]?["averageUtilization"] is not null;

    /// <summary>A copy of <paramref name="obj"/> with only its type meta and metadata (round-trip annotations left out), under <paramref name="apiVersion"/>.</summary>
    private static JsonObject Envelope(JsonObject obj, string apiVersion)
    {
        var result = new JsonObject { ["kind"] = "HorizontalPodAutoscaler", ["apiVersion"] = apiVersion };
        if (obj["metadata"]?.DeepClone() is { } metadata)
        {
            result["metadata"] = metadata;
            DropRoundTripAnnotations(result);
        }

        return result;
    }

    private static JsonObject Copy(JsonObject? from, string[] fields)
    {
        var to = new JsonObject();
        foreach (var field in fields)
        {
            if (from?[field] is { } value)
            {
                to[field] = value.DeepClone();
            }
        }

        return to;
    }

    /// <summary>The JSON an annotation holds when it is well-formed and of shape <typeparamref name="T"/>; null otherwise.</summary>
    private static T? Parse<T>(JsonObject? annotations, string name)
        where T : JsonNode
    {
        if (annotations?[name] is not JsonValue value || !value.TryGetValue<string>(out var text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text, documentOptions: Serialization.JsonLimits.Document) as T;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
