using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Registry.Autoscaling.HorizontalPodAutoscalers;

/// <summary>
/// horizontalpodautoscalers: NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE (upstream's
/// printHorizontalPodAutoscaler and formatHPAMetrics), read from the stored autoscaling/v2 object.
/// </summary>
internal sealed class HorizontalPodAutoscalerPrinter() : ColumnPrinter(
    CommonColumns.Name,
    Column.String("Reference", "reference to scaled resource; horizontal pod autoscaler will learn the current resource consumption and will set the desired number of pods by using its Scale subresource.", obj => $"{obj.String("spec", "scaleTargetRef", "kind")}/{obj.String("spec", "scaleTargetRef", "name")}"),
    Column.String("Targets", "metrics contains the specifications for which to use to calculate the desired replica count (the maximum replica count across all metrics will be used).", obj => Targets(obj)),
    Column.String("MinPods", "minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.", obj => obj.LongOrNull("spec", "minReplicas")?.ToString(CultureInfo.InvariantCulture) ?? "<unset>"),
    Column.Integer("MaxPods", "maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up.", obj => obj.Long("spec", "maxReplicas")),
    Column.String("Replicas", "currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler.", obj => obj.Long("status", "currentReplicas")),
    CommonColumns.Age)
{
    private const int Shown = 2;
    private const string Unknown = "<unknown>";

    /// <summary>Each metric as "current/target" (resources prefixed by their name), the first two, then " + N more...".</summary>
    private static string Targets(JsonObject hpa)
    {
        var specs = hpa.Objects("spec", "metrics");
        if (specs.Count == 0)
        {
            return "<none>";
        }

        var statuses = hpa.Objects("status", "currentMetrics");
        var cells = specs.Select((spec, i) => Metric(spec, i < statuses.Count ? statuses[i] : null)).ToList();
        var text = string.Join(", ", cells.Take(Shown));
        return cells.Count > Shown ? $"{text} + {cells.Count - Shown} more..." : text;
    }

    private static string Metric(JsonObject spec, JsonObject? status) => spec.String("type") switch
    {
        "External" => Valued(spec["external"], status?["external"]),
        "Object" => Valued(spec["object"], status?["object"]),
        "Pods" => $"{Current(status?["pods"], "averageValue")}/{spec.String("pods", "target", "averageValue")}",
        "Resource" => Resource(spec["resource"], status?["resource"]),
        "ContainerResource" => Resource(spec["containerResource"], status?["containerResource"]),
        _ => "<unknown type>",
    };

    /// <summary>External and Object metrics: an average value target marked "(avg)", else a value target.</summary>
    private static string Valued(JsonNode? source, JsonNode? status) =>
        source.StringOrNull("target", "averageValue") is { } average
            ? $"{Current(status, "averageValue")}/{average} (avg)"
            : $"{Current(status, "value")}/{source.String("target", "value")}";

    private static string Resource(JsonNode? source, JsonNode? status)
    {
        var name = source.String("name");
        if (source.StringOrNull("target", "averageValue") is { } average)
        {
            return $"{name}: {Current(status, "averageValue")}/{average}";
        }

        var current = status.LongOrNull("current", "averageUtilization") is { } used ? $"{used}%" : Unknown;
        var target = source.LongOrNull("target", "averageUtilization") is { } wanted ? $"{wanted}%" : "<auto>";
        return $"{name}: {current}/{target}";
    }

    private static string Current(JsonNode? status, string field) =>
        status is null ? Unknown : status.IntOrString("current", field) ?? "0";
}
