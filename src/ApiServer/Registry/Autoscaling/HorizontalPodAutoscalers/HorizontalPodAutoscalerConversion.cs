using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Defaulting;

namespace Orchestrator.ApiServer.Registry.Autoscaling.HorizontalPodAutoscalers;

/// <summary>
/// autoscaling/v1 ⇄ autoscaling/v2 HorizontalPodAutoscalers, as upstream's pkg/apis/autoscaling/v1/conversion.go:
/// v1 has only <c>targetCPUUtilizationPercentage</c> (the v2 Resource metric on cpu with an average
/// utilization) and <c>currentCPUUtilizationPercentage</c>; everything else v2 holds (other metrics, current
/// metrics, behavior, conditions) travels in v1 in the <c>autoscaling.alpha.kubernetes.io/*</c> annotations,
/// JSON-encoded, and comes back from them. A v1 autoscaler naming no metric targets 80 % CPU. Pure functions
/// over copies: the input is never changed.
/// </summary>
internal static class HorizontalPodAutoscalerConversion
{
    public const string MetricsAnnotation = "autoscaling.alpha.kubernetes.io/metrics";
    public const string CurrentMetricsAnnotation = "autoscaling.alpha.kubernetes.io/current-metrics";
    public const string BehaviorAnnotation = "autoscaling.alpha.kubernetes.io/behavior";
    public const string ConditionsAnnotation = "autoscaling.alpha.kubernetes.io/conditions";

    private static readonly string[] CopiedSpec = ["scaleTargetRef", "minReplicas", "maxReplicas"];
    private static readonly string[] CopiedStatus = ["observedGeneration", "lastScaleTime", "currentReplicas", "desiredReplicas"];

    /// <summary>The autoscaling/v1 view of a stored autoscaling/v2 object.</summary>
    public static JsonObject ToV1(JsonObject v2)
    {
        var v1 = Envelope(v2, "autoscaling/v1");
        var spec = Copy(v2["spec"] as JsonObject, CopiedSpec);
        var metrics = JsonFields.Items(v2["spec"] as JsonObject, "metrics").Select(m => m.Item).ToList();
        if (metrics.FirstOrDefault(IsCpu) is { } cpu && cpu["resource"]?["target"]?["averageUtilization"] is { } utilization)
        {
            spec["targetCPUUtilizationPercentage"] = utilization.DeepClone();
        }

        v1["spec"] = spec;
        var annotations = new List<(string, JsonNode)>();
        if (metrics.Where(m => !IsCpuUtilization(m)).Select(MetricConversion.SpecToV1).ToList() is { Count: > 0 } others)
        {
            annotations.Add((MetricsAnnotation, new JsonArray([.. others])));
        }

        var statusV2 = v2["status"] as JsonObject;
        var current = JsonFields.Items(statusV2, "currentMetrics").Select(m => m.Item).ToList();
        if (current.Count > 0)
        {
            annotations.Add((CurrentMetricsAnnotation, new JsonArray([.. current.Select(MetricConversion.StatusToV1)])));
        }

        if (v2["spec"]?["behavior"] is JsonObject behavior)
        {
            annotations.Add((BehaviorAnnotation, behavior.DeepClone()));
        }

        if (statusV2?["conditions"] is JsonArray { Count: > 0 } conditions)
        {
            annotations.Add((ConditionsAnnotation, conditions.DeepClone()));
        }

        foreach (var (name, value) in annotations)
        {
            JsonFields.Child(JsonFields.Child(v1, "metadata"), "annotations")[name] = value.ToJsonString();
        }

        if (statusV2 is not null)
        {
            var status = Copy(statusV2, CopiedStatus);
            if (current.FirstOrDefault(IsCpu)?["resource"]?["current"]?["averageUtilization"] is { } used)
            {
                status["currentCPUUtilizationPercentage"] = used.DeepClone();
            }

            v1["status"] = status;
        }

        return v1;
    }

    /// <summary>The autoscaling/v2 object a v1 body stands for, its annotations taken back into the fields they carry.</summary>
    public static JsonObject FromV1(JsonObject v1)
    {
        var v2 = Envelope(v1, "autoscaling/v2");
        var annotations = v2["metadata"]?["annotations"] as JsonObject;
        var specV1 = v1["spec"] as JsonObject;
        var spec = Copy(specV1, CopiedSpec);
        var metrics = new JsonArray([.. Annotation(annotations, MetricsAnnotation).OfType<JsonObject>().Select(MetricConversion.SpecToV2)]);
        var percent = JsonFields.Integer(specV1?["targetCPUUtilizationPercentage"]);
        if (percent is not null || metrics.Count == 0)
        {
            metrics.Add(HorizontalPodAutoscalerDefaults.CpuUtilization(percent ?? HorizontalPodAutoscalerDefaults.DefaultCpuUtilization));
        }

        spec["metrics"] = metrics;
        if (Take(annotations, BehaviorAnnotation) is JsonObject behavior)
        {
            spec["behavior"] = behavior;
        }

        v2["spec"] = spec;
        var statusV1 = v1["status"] as JsonObject;
        var current = Annotation(annotations, CurrentMetricsAnnotation).OfType<JsonObject>().Select(MetricConversion.StatusToV2).ToList();
        var conditions = Take(annotations, ConditionsAnnotation);
        if (statusV1 is not null || current.Count > 0 || conditions is not null)
        {
            var status = Copy(statusV1, CopiedStatus);
            if (current.Count == 0 && JsonFields.Integer(statusV1?["currentCPUUtilizationPercentage"]) is { } used)
            {
                current.Add(new JsonObject { ["type"] = "Resource", ["resource"] = new JsonObject { ["name"] = "cpu", ["current"] = new JsonObject { ["averageUtilization"] = used } } });
            }

            if (current.Count > 0)
            {
                status["currentMetrics"] = new JsonArray([.. current]);
            }

            if (conditions is not null)
            {
                status["conditions"] = conditions;
            }

            v2["status"] = status;
        }

        if (annotations is { Count: 0 })
        {
            ((JsonObject)v2["metadata"]!).Remove("annotations");
        }

        return v2;
    }

    private static bool IsCpu(JsonObject metric) =>
        JsonFields.Text(metric["type"]) == "Resource" && JsonFields.Text(metric["resource"]?["name"]) == "cpu";

    private static bool IsCpuUtilization(JsonObject metric) => IsCpu(metric) && metric["resource"]?["target"]?["averageUtilization"] is not null;

    /// <summary>A copy of <paramref name="obj"/> with only its type meta and metadata, under <paramref name="apiVersion"/>.</summary>
    private static JsonObject Envelope(JsonObject obj, string apiVersion)
    {
        var result = new JsonObject { ["kind"] = "HorizontalPodAutoscaler", ["apiVersion"] = apiVersion };
        if (obj["metadata"]?.DeepClone() is { } metadata)
        {
            result["metadata"] = metadata;
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

    /// <summary>The JSON array an annotation holds, removed from the annotations; empty when absent or not an array.</summary>
    private static JsonArray Annotation(JsonObject? annotations, string name) => Take(annotations, name) as JsonArray ?? [];

    /// <summary>The JSON an annotation holds, removed from the annotations; null when absent.</summary>
    /// <exception cref="Errors.ApiException">400 when the annotation is not JSON, as upstream's conversion fails.</exception>
    private static JsonNode? Take(JsonObject? annotations, string name)
    {
        if (annotations?[name] is not JsonValue value || !value.TryGetValue<string>(out var text))
        {
            return null;
        }

        annotations.Remove(name);
        try
        {
            return JsonNode.Parse(text, documentOptions: Serialization.JsonLimits.Document);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw Errors.ApiErrors.BadRequest($"annotation {name} is not valid JSON: {e.Message}");
        }
    }
}
