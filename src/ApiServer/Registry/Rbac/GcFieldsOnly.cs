namespace Orchestrator.ApiServer.Registry.Rbac;

/// <summary>
/// Upstream's rbac IsOnlyMutatingGCFields: an update that changes nothing but the fields the garbage collector
/// and finalizing controllers write (ownerReferences, finalizers) is not re-checked for escalation, so those
/// controllers need no rights over what the object grants. Bookkeeping the server writes (resourceVersion,
/// managedFields) is not a change either.
/// </summary>
internal static class GcFieldsOnly
{
    private static readonly string[] Ignored = ["ownerReferences", "finalizers", "resourceVersion", "managedFields"];

    public static bool Changes(JsonObject current, JsonObject updated) => JsonNode.DeepEquals(Without(current), Without(updated));

    private static JsonObject Without(JsonObject obj)
    {
        var copy = obj.DeepClone().AsObject();
        if (copy["metadata"] is JsonObject metadata)
        {
            foreach (var field in Ignored)
            {
                metadata.Remove(field);
            }
        }

        return copy;
    }
}
