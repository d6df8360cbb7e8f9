namespace Orchestrator.ApiServer.CustomResources;

/// <summary>
/// The autoscaling/v1 Scale of a custom resource (upstream's scaleFromCustomResource): spec.replicas from the
/// specReplicasPath, status.replicas from the statusReplicasPath (0 when absent), status.selector from the
/// labelSelectorPath (a string, omitted when absent); and the replicas written back at the specReplicasPath.
/// </summary>
internal static class CustomResourceScale
{
    public static JsonObject ToScale(JsonObject obj, ScalePaths paths)
    {
        var metadata = obj["metadata"] as JsonObject ?? [];
        var scaleMetadata = new JsonObject();
        foreach (var field in new[] { "name", "namespace", "uid", "resourceVersion", "creationTimestamp" })
        {
            if (metadata[field] is { } value)
            {
                scaleMetadata[field] = value.DeepClone();
            }
        }

        var status = new JsonObject { ["replicas"] = Integer(At(obj, paths.StatusReplicasPath)) };
        if (paths.LabelSelectorPath is { Length: > 0 } selectorPath && At(obj, selectorPath) is JsonValue selector
            && selector.TryGetValue<string>(out var text) && text.Length > 0)
        {
            status["selector"] = text;
        }

        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = scaleMetadata,
            ["spec"] = new JsonObject { ["replicas"] = Integer(At(obj, paths.SpecReplicasPath)) },
            ["status"] = status,
        };
    }

    /// <summary>Sets the replicas at the specReplicasPath, creating the objects on the way (unstructured.SetNestedField).</summary>
    public static void SetReplicas(JsonObject obj, ScalePaths paths, int replicas)
    {
        var segments = Segments(paths.SpecReplicasPath);
        var node = obj;
        foreach (var segment in segments[..^1])
        {
            if (node[segment] is not JsonObject child)
            {
                child = [];
                node[segment] = child;
            }

            node = child;
        }

        node[segments[^1]] = (long)replicas;
    }

    private static JsonNode? At(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var segment in Segments(path))
        {
            node = node is JsonObject o ? o[segment] : null;
        }

        return node;
    }

    private static string[] Segments(string path) => path.TrimStart('.').Split('.');

    private static long Integer(JsonNode? node) => node is JsonValue value && value.TryGetValue<long>(out var number) ? number : 0;
}
