namespace Orchestrator.ApiServer.Registry.Autoscaling.HorizontalPodAutoscalers;

/// <summary>
/// One metric (spec or status) between autoscaling/v2's shape and the flat shape autoscaling/v1 keeps in its
/// annotations (upstream's v1 MetricSpec and MetricStatus: <c>metricName</c>, <c>targetAverageValue</c>,
/// <c>currentAverageUtilization</c> …), as upstream's v1 conversion functions map them field by field.
/// </summary>
internal static class MetricConversion
{
    /// <summary>A field of one shape and where the other keeps it, each as a path below the metric source.</summary>
    private sealed record Field(string[] V2, string[] V1);

    private static readonly Dictionary<string, Field[]> SpecFields = new(StringComparer.Ordinal)
    {
        ["object"] = [F("describedObject", "target"), F("metric.name", "metricName"), F("metric.selector", "selector"), F("target.value", "targetValue"), F("target.averageValue", "averageValue")],
        ["pods"] = [F("metric.name", "metricName"), F("metric.selector", "selector"), F("target.averageValue", "targetAverageValue")],
        ["resource"] = [F("name", "name"), F("target.averageUtilization", "targetAverageUtilization"), F("target.averageValue", "targetAverageValue")],
        ["containerResource"] = [F("name", "name"), F("container", "container"), F("target.averageUtilization", "targetAverageUtilization"), F("target.averageValue", "targetAverageValue")],
        ["external"] = [F("metric.name", "metricName"), F("metric.selector", "metricSelector"), F("target.value", "targetValue"), F("target.averageValue", "targetAverageValue")],
    };

    /// <summary>
    /// A status has the spec's fields with <c>current</c> in place of <c>target</c>: v2's <c>target.value</c> is
    /// <c>current.value</c>, v1's <c>targetAverageValue</c> is <c>currentAverageValue</c> (an object's v1
    /// <c>averageValue</c> and <c>target</c>, its described object, keep their names).
    /// </summary>
    private static readonly Dictionary<string, Field[]> StatusFields =
        SpecFields.ToDictionary(source => source.Key, source => source.Value.Select(StatusField).ToArray(), StringComparer.Ordinal);

    public static JsonObject SpecToV1(JsonObject metric) => Convert(metric, SpecFields, toV1: true, v2Target: null);

    public static JsonObject SpecToV2(JsonObject metric) => Convert(metric, SpecFields, toV1: false, v2Target: TargetType);

    public static JsonObject StatusToV1(JsonObject metric) => Convert(metric, StatusFields, toV1: true, v2Target: null);

    public static JsonObject StatusToV2(JsonObject metric) => Convert(metric, StatusFields, toV1: false, v2Target: null);

    private static Field F(string v2, string v1) => new(v2.Split('.'), v1.Split('.'));

    private static Field StatusField(Field spec) =>
        spec.V2[0] == "target" ? new(["current", .. spec.V2[1..]], [CurrentName(spec.V1[0])]) : spec;

    private static string CurrentName(string v1) => v1.StartsWith("target", StringComparison.Ordinal) ? "current" + v1["target".Length..] : v1;

    private static JsonObject Convert(JsonObject metric, Dictionary<string, Field[]> fields, bool toV1, Func<string, JsonObject, string?>? v2Target)
    {
        var result = new JsonObject();
        if (metric["type"]?.DeepClone() is { } type)
        {
            result["type"] = type;
        }

        foreach (var (source, map) in fields)
        {
            if (metric[source] is not JsonObject from)
            {
                continue;
            }

            var to = new JsonObject();
            foreach (var field in map)
            {
                var (read, write) = toV1 ? (field.V2, field.V1) : (field.V1, field.V2);
                if (Get(from, read) is { } value)
                {
                    Set(to, write, value.DeepClone());
                }
            }

            if (v2Target?.Invoke(source, from) is { } targetType)
            {
                // The type first, where upstream's MetricTarget has it.
                var target = new JsonObject { ["type"] = targetType };
                foreach (var (name, value) in to["target"] as JsonObject ?? new JsonObject())
                {
                    target[name] = value?.DeepClone();
                }

                to["target"] = target;
            }

            result[source] = to;
        }

        return result;
    }

    /// <summary>
    /// The v2 target type a v1 source implies: Utilization when a resource names a utilization, else AverageValue;
    /// Value for an object or external metric without an average value; AverageValue for pods.
    /// </summary>
    private static string TargetType(string source, JsonObject v1) => source switch
    {
        "resource" or "containerResource" => v1["targetAverageUtilization"] is null ? "AverageValue" : "Utilization",
        "object" => v1["averageValue"] is null ? "Value" : "AverageValue",
        "external" => v1["targetAverageValue"] is null ? "Value" : "AverageValue",
        _ => "AverageValue",
    };

    private static JsonNode? Get(JsonObject obj, string[] path)
    {
        JsonNode? node = obj;
        foreach (var name in path)
        {
            node = node is JsonObject o ? o[name] : null;
        }

        return node;
    }

    private static void Set(JsonObject obj, string[] path, JsonNode value)
    {
        for (var i = 0; i < path.Length - 1; i++)
        {
            obj = Defaulting.JsonFields.Child(obj, path[i]);
        }

        obj[path[^1]] = value;
    }
}
