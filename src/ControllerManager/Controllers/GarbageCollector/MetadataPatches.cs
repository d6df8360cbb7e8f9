namespace Orchestrator.ControllerManager.Controllers.GarbageCollector;

/// <summary>
/// JSON merge patches of metadata lists; each carries the resourceVersion it was computed from, which
/// the API server checks as a precondition, so a concurrent change yields 409 and a fresh attempt.
/// </summary>
internal static class MetadataPatches
{
    public static V1Patch Finalizers(V1ObjectMeta meta, IReadOnlyCollection<string> finalizers) =>
        Patch(meta, "finalizers", finalizers.Count == 0 ? null : new JsonArray([.. finalizers.Select(f => (JsonNode)f)]));

    public static V1Patch OwnerReferences(V1ObjectMeta meta, IList<V1OwnerReference> owners) =>
        Patch(meta, "ownerReferences", owners.Count == 0 ? null : JsonNode.Parse(KubernetesJson.Serialize(owners)));

    private static V1Patch Patch(V1ObjectMeta meta, string field, JsonNode? value)
    {
        var metadata = new JsonObject { [field] = value, ["resourceVersion"] = meta.ResourceVersion };
        var patch = new JsonObject { ["metadata"] = metadata };
        return new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch);
    }
}
