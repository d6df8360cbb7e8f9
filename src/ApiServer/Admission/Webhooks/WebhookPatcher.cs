namespace Orchestrator.ApiServer.Admission.Webhooks;

/// <summary>
/// Applies a mutating webhook's JSONPatch to the object being admitted, as upstream's dispatcher does:
/// the patch applied to the object's JSON, the result decoded as the kind (unknown fields dropped), then
/// defaulted by the kind's strategy; the admitted object is replaced in place. The kind's validation runs
/// later in the write path, on the patched object.
/// </summary>
internal static class WebhookPatcher
{
    /// <summary>Whether the patch changed the object.</summary>
    /// <exception cref="WebhookCallException">A patch type other than JSONPatch (for failurePolicy to decide).</exception>
    /// <exception cref="ApiException">500 for a patch of a DELETE, a patch that does not apply or a result that is not the kind.</exception>
    public static bool Apply(WebhookDefinition hook, WebhookResponse response, AdmissionAttributes attributes)
    {
        ArgumentNullException.ThrowIfNull(hook);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(attributes);
        if (response.Patch is not JsonArray { Count: > 0 } patch)
        {
            return false;
        }

        if (attributes.Operation == AdmissionOperation.Delete)
        {
            throw WebhookErrors.InternalError($"admission webhook \"{hook.Name}\" attempted to modify the object, which is not supported for this operation");
        }

        if (response.PatchType != "JSONPatch")
        {
            throw new WebhookCallException(hook.Name, $"unsupported patch type \"{response.PatchType}\"");
        }

        JsonObject patched;
        try
        {
            patched = JsonPatch.Apply(attributes.Object, patch) as JsonObject ?? throw WebhookErrors.InternalError("the patched object is not a JSON object");
            Decode(attributes, patched);
        }
        catch (PatchException e)
        {
            throw WebhookErrors.InternalError(e.Message);
        }
        catch (ApiException e) when (e.Code != 500)
        {
            throw WebhookErrors.InternalError(e.Message);
        }

        if (JsonNode.DeepEquals(attributes.Object, patched))
        {
            return false;
        }

        Replace(attributes.Object, patched);
        return true;
    }

    /// <summary>What decoding into the kind's type does upstream: unknown fields go, wrong types fail; then the kind's defaults.</summary>
    private static void Decode(AdmissionAttributes attributes, JsonObject patched)
    {
        var resource = attributes.Resource;

        // A subresource with a kind of its own (an Eviction, a Scale) is not the resource's kind.
        var kind = WebhookInvocation.KindOf(resource, attributes.Subresource ?? "").Kind;
        if (kind != resource.Kind)
        {
            return;
        }

        BodyChecks.CheckSchema(resource, resource.ModelType, resource.Kind, patched, FieldValidation.Ignore);
        resource.Strategy.Default(patched, create: attributes.Operation == AdmissionOperation.Create);
    }

    private static void Replace(JsonObject target, JsonObject source)
    {
        foreach (var key in target.Select(p => p.Key).ToList())
        {
            target.Remove(key);
        }

        foreach (var (key, value) in source.ToList())
        {
            source.Remove(key);
            target[key] = value;
        }
    }
}
