using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Registry;

namespace Orchestrator.ApiServer.Validation;

/// <summary>Upstream's update rules: fields that may not change once an object exists.</summary>
internal static class UpdateValidation
{
    private const string PodUpdateForbidden =
        "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

    public static List<StatusCause> Check(ResourceDefinition resource, JsonObject current, JsonObject updated)
    {
        var causes = new List<StatusCause>();
        switch (resource.Group, resource.Plural)
        {
            case ("apps", "deployments" or "replicasets" or "statefulsets" or "daemonsets"):
                Immutable(causes, "spec.selector", current["spec"]?["selector"], updated["spec"]?["selector"]);
                break;
            case ("batch", "jobs"):
                Immutable(causes, "spec.selector", current["spec"]?["selector"], updated["spec"]?["selector"]);
                Immutable(causes, "spec.template", current["spec"]?["template"], updated["spec"]?["template"]);
                Immutable(causes, "spec.completionMode", current["spec"]?["completionMode"], updated["spec"]?["completionMode"]);
                break;
            case ("", "configmaps" or "secrets"):
                ImmutableData(causes, current, updated);
                break;
            case ("", "pods"):
                // spec.nodeName may go from empty to set: that is the binding subresource's write.
                var bound = current["spec"]?["nodeName"] is null ? updated["spec"]?["nodeName"]?.DeepClone() : null;
                if (!JsonNode.DeepEquals(MutablePartsRemoved(current["spec"], bound), MutablePartsRemoved(updated["spec"], null))
                    || !TolerationsOnlyAdded(current["spec"]?["tolerations"], updated["spec"]?["tolerations"]))
                {
                    causes.Add(new StatusCause("FieldValueForbidden", $"Forbidden: {PodUpdateForbidden}", "spec"));
                }

                break;
        }

        return causes;
    }

    private static void Immutable(List<StatusCause> causes, string field, JsonNode? before, JsonNode? after)
    {
        if (!JsonNode.DeepEquals(before, after))
        {
            causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {after?.ToJsonString() ?? "null"}: field is immutable", field));
        }
    }

    private static void ImmutableData(List<StatusCause> causes, JsonObject current, JsonObject updated)
    {
        if (current["immutable"] is not JsonValue flag || !flag.TryGetValue<bool>(out var immutable) || !immutable)
        {
            return;
        }

        if (updated["immutable"] is not JsonValue now || !now.TryGetValue<bool>(out var still) || !still)
        {
            causes.Add(new StatusCause("FieldValueForbidden", "Forbidden: field is immutable when `immutable` is set", "immutable"));
        }

        foreach (var field in new[] { "data", "binaryData", "stringData" })
        {
            if (!JsonNode.DeepEquals(current[field], updated[field]))
            {
                causes.Add(new StatusCause("FieldValueForbidden", "Forbidden: field is immutable when `immutable` is set", field));
            }
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
