namespace Orchestrator.ApiServer.Patching;

/// <summary>
/// JSON Merge Patch (RFC 7386), the <c>application/merge-patch+json</c> body kubectl label/annotate/scale send:
/// null deletes a key, objects merge recursively, anything else (arrays included) replaces.
/// </summary>
internal static class JsonMergePatch
{
    /// <summary>Upstream's error (evanphx/json-patch ErrBadJSONPatch) for a patch that is not an object.</summary>
    public const string InvalidPatchMessage = "Invalid JSON Patch";

    /// <summary>Returns <paramref name="original"/> with <paramref name="patch"/> merged in; neither input is changed.</summary>
    /// <exception cref="PatchException">The patch is not a JSON object (400, as kube-apiserver answers).</exception>
    public static JsonNode Apply(JsonNode? original, JsonNode? patch)
    {
        // A whole-document replacement (RFC 7386 allows any value) would never decode into an API object,
        // and kube-apiserver already refuses null and scalars with 400, so every non-object is refused alike.
        if (patch is not JsonObject patchObject)
        {
            throw PatchException.BadRequest(InvalidPatchMessage);
        }

        return MergeObject(original as JsonObject, patchObject);
    }

    private static JsonObject MergeObject(JsonObject? target, JsonObject patch)
    {
        // RFC 7386: a target that is not an object is treated as an empty one.
        var result = target is null ? [] : (JsonObject)target.DeepClone();
        foreach (var (key, value) in patch)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else if (value is JsonObject patchChild)
            {
                var merged = MergeObject(result[key] as JsonObject, patchChild);
                result[key] = merged;
            }
            else
            {
                result[key] = value.DeepClone();
            }
        }

        return result;
    }
}
