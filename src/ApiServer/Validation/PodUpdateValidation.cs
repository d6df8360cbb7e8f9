namespace Orchestrator.ApiServer.Validation;

/// <summary>Upstream's ValidatePodUpdate: a pod's spec is fixed once created, apart from a few fields.</summary>
internal static class PodUpdateValidation
{
    private const string PodUpdateForbidden =
        "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

    public static void Check(JsonObject current, JsonObject updated, List<StatusCause> causes)
    {
        // spec.nodeName may go from empty to set: that is the binding subresource's write.
        var bound = current["spec"]?["nodeName"] is null ? updated["spec"]?["nodeName"]?.DeepClone() : null;
        if (!JsonNode.DeepEquals(MutablePartsRemoved(current["spec"], bound), MutablePartsRemoved(updated["spec"], null))
            || !TolerationsOnlyAdded(current["spec"]?["tolerations"], updated["spec"]?["tolerations"]))
        {
            causes.Add(new StatusCause("FieldValueForbidden", $"Forbidden: {PodUpdateForbidden}", "spec"));
        }
    }

    /// <summary>The pod spec without what an update may change: images, activeDeadlineSeconds, tolerations (checked apart), grace period.</summary>
    private static JsonNode? MutablePartsRemoved(JsonNode? spec, JsonNode? nodeName)
    {
        if (spec is not JsonObject obj)
        {
            return spec;
        }

        var copy = obj.DeepClone().AsObject();
        if (nodeName is not null)
        {
            copy["nodeName"] = nodeName;
        }

        copy.Remove("activeDeadlineSeconds");
        copy.Remove("tolerations");
        copy.Remove("terminationGracePeriodSeconds");
        foreach (var list in new[] { "containers", "initContainers" })
        {
            foreach (var container in (copy[list] as JsonArray ?? []).OfType<JsonObject>())
            {
                container.Remove("image");
            }
        }

        return copy;
    }

    private static bool TolerationsOnlyAdded(JsonNode? before, JsonNode? after)
    {
        var old = (before as JsonArray ?? []).ToList();
        var now = (after as JsonArray ?? []).ToList();
        return old.All(o => now.Any(n => JsonNode.DeepEquals(o, n)));
    }
}
