namespace Orchestrator.ApiServer.Handlers.Subresources;

/// <summary>The autoscaling/v1 Scale view of a workload, and back.</summary>
internal static class ScaleConversion
{
    public static JsonObject ToScale(JsonObject workload)
    {
        var metadata = workload["metadata"] as JsonObject ?? [];
        var scaleMetadata = new JsonObject();
        foreach (var field in new[] { "name", "namespace", "uid", "resourceVersion", "creationTimestamp" })
        {
            if (metadata[field] is { } value)
            {
                scaleMetadata[field] = value.DeepClone();
            }
        }

        var status = new JsonObject { ["replicas"] = workload["status"]?["replicas"]?.GetValue<int>() ?? 0 };
        if (Selector(workload["spec"]?["selector"]) is { Length: > 0 } selector)
        {
            status["selector"] = selector;
        }

        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = scaleMetadata,
            ["spec"] = new JsonObject { ["replicas"] = workload["spec"]?["replicas"]?.GetValue<int>() ?? 1 },
            ["status"] = status,
        };
    }

    /// <summary>A label selector object as the query-string form kubectl shows ("app=web,tier in (a,b)").</summary>
    public static string Selector(JsonNode? selector)
    {
        var parts = new List<string>();
        foreach (var (key, value) in ObjectMeta.StringMap(selector?["matchLabels"]).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            parts.Add($"{key}={value}");
        }

        foreach (var expression in (selector?["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = expression["key"]?.GetValue<string>();
            var values = string.Join(",", (expression["values"] as JsonArray ?? []).Select(v => v?.GetValue<string>()));
            parts.Add(expression["operator"]?.GetValue<string>() switch
            {
                "In" => $"{key} in ({values})",
                "NotIn" => $"{key} notin ({values})",
                "Exists" => key ?? "",
                "DoesNotExist" => $"!{key}",
                _ => "",
            });
        }

        return string.Join(",", parts.Where(p => p.Length > 0));
    }
}
