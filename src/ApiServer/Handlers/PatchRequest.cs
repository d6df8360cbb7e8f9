namespace Orchestrator.ApiServer.Handlers;

/// <summary>
/// A PATCH in one of the four formats kubectl sends (JSON Patch, JSON merge patch, strategic
/// merge patch, apply) with its options, read once and applied to every version of the object
/// it is tried on.
/// </summary>
/// <param name="Patch">The patch as sent.</param>
/// <param name="Owner">Who the write is recorded for: the field manager, with operation Apply for apply patches.</param>
/// <param name="Configuration">An apply patch's configuration, schema-checked; null for the other formats.</param>
internal sealed record PatchRequest(string MediaType, JsonNode? Patch, FieldOwner Owner, bool Force, bool DryRun, FieldValidation Validation, JsonObject? Configuration)
{
    public static readonly string[] MediaTypes =
    [
        "application/json-patch+json",
        "application/merge-patch+json",
        "application/strategic-merge-patch+json",
        "application/apply-patch+yaml",
    ];

    /// <summary>Custom resources have no strategic merge patch (no patch strategies in a schema), as upstream.</summary>
    public static readonly string[] CustomResourceMediaTypes = [.. MediaTypes.Where(m => m != "application/strategic-merge-patch+json")];

    public bool IsApply => MediaType == "application/apply-patch+yaml";

    /// <summary>
    /// A resourceVersion the patch itself sets is a precondition (kubectl's JSON patches use it so).
    /// The patched object always carries the stored resourceVersion, so only a patch that names one pins it.
    /// </summary>
    public bool SetsResourceVersion => Patch switch
    {
        JsonObject o => o["metadata"]?["resourceVersion"] is not null,
        JsonArray ops => ops.Any(op => op?["path"]?.GetValue<string>() == "/metadata/resourceVersion"),
        _ => false,
    };

    /// <summary>Reads the body and options: media type (415), options (422), size and syntax, operation count (413).</summary>
    public static async Task<PatchRequest> ReadAsync(HttpContext context, ResourceRequest request)
    {
        var mediaType = RequestBody.MediaType(context.Request);
        var accepted = request.Resource.Custom is null ? MediaTypes : CustomResourceMediaTypes;
        if (!accepted.Contains(mediaType))
        {
            throw ApiErrors.UnsupportedMediaType(mediaType, accepted);
        }

        var isApply = mediaType == "application/apply-patch+yaml";
        var (owner, force) = PatchOptionsOf(context, request, isApply);
        var bytes = await RequestBody.ReadBytesAsync(context.Request, context.RequestAborted);
        var patch = isApply ? RequestBody.ParseYaml(bytes, context.RequestAborted) : RequestBody.ParseJson(bytes, context.RequestAborted);
        if (mediaType == "application/json-patch+json" && patch is JsonArray { Count: > JsonPatch.MaxOperations } operations)
        {
            throw ApiErrors.RequestEntityTooLarge($"The allowed maximum operations in a JSON patch is {JsonPatch.MaxOperations}, got {operations.Count}");
        }

        var dryRun = RequestOptions.IsDryRun(context);
        var validation = RequestOptions.FieldValidationOf(context);
        var configuration = isApply ? ApplyConfiguration(context, request.Resource, patch, validation) : null;
        return new PatchRequest(mediaType, patch, owner, force, dryRun, validation, configuration);
    }

    /// <summary>The patch (for apply, the configuration) applied to <paramref name="target"/>: 422 or 400 when it does not apply.</summary>
    public JsonObject ApplyTo(JsonObject target, Type modelType)
    {
        var patch = IsApply ? Configuration?.DeepClone() : Patch;
        try
        {
            return (MediaType switch
            {
                "application/json-patch+json" => JsonPatch.Apply(target, patch),
                "application/merge-patch+json" => JsonMergePatch.Apply(target, patch),
                _ => patch is JsonObject
                    ? StrategicMergePatch.Apply(target, patch, modelType)
                    : throw new PatchException("the body of a strategic merge or apply patch must be a JSON object", isInvalid: false),
            }).AsObject();
        }
        catch (PatchException e) when (e.IsInvalid)
        {
            throw new ApiException(422, "Invalid", e.StatusMessage) { Causes = [new StatusCause("", e.Message, null)] };
        }
        catch (PatchException e)
        {
            throw ApiErrors.BadRequest(e.StatusMessage);
        }
    }

    /// <summary>
    /// upstream's ValidatePatchOptions: apply needs a <c>fieldManager</c>, <c>force</c> is for apply
    /// only (both 422 on PatchOptions); returns who the patch is recorded for and whether it forces.
    /// </summary>
    private static (FieldOwner Owner, bool Force) PatchOptionsOf(HttpContext context, ResourceRequest request, bool isApply)
    {
        var forceText = context.Request.Query["force"];
        var causes = new List<StatusCause>();
        if (!isApply && forceText.Count > 0)
        {
            causes.Add(FieldErrors.Forbidden("force", "may not be specified for non-apply patch"));
        }

        if (isApply && context.Request.Query["fieldManager"].ToString().Length == 0)
        {
            causes.Add(FieldErrors.Required("fieldManager", "is required for apply patch"));
        }

        causes.AddRange(FieldManagerValidation.Check(context.Request.Query["fieldManager"].ToString(), "fieldManager"));
        if (causes.Count > 0)
        {
            throw ApiErrors.Invalid(request.Resource with { Group = "meta.k8s.io", Kind = "PatchOptions" }, "", causes);
        }

        var force = forceText.Count > 0 && forceText[0] is not ("false" or "0" or "False");
        return (RequestOptions.FieldOwnerOf(context, request.Subresource, isApply ? ManagedFieldsEntry.Apply : ManagedFieldsEntry.Update), force);
    }

    /// <summary>The applied configuration, schema-checked (unknown fields pruned, quantities canonical); it must not carry managedFields.</summary>
    private static JsonObject? ApplyConfiguration(HttpContext context, ResourceDefinition resource, JsonNode? patch, FieldValidation validation)
    {
        if (patch is not JsonObject obj)
        {
            return null;
        }

        if (obj["metadata"] is JsonObject metadata && metadata["managedFields"] is not null)
        {
            throw ApiErrors.BadRequest("metadata.managedFields must be nil");
        }

        CheckApplyTypeMeta(resource, obj);
        var config = JsonTree.Clone(obj)!.AsObject();
        BodyChecks.CheckKind(resource, resource.Kind, resource.ApiVersion, config);
        foreach (var warning in BodyChecks.CheckSchema(resource, resource.ModelType, resource.Kind, config, validation, context.RequestAborted))
        {
            // Unknown fields are pruned here, so the merged object no longer shows them: warn now.
            Responses.AddWarning(context, warning);
        }

        return config;
    }

    /// <summary>
    /// An applied configuration names its apiVersion and kind (upstream's field manager needs both
    /// to type it): without them, 400 with the field manager's messages.
    /// </summary>
    private static void CheckApplyTypeMeta(ResourceDefinition resource, JsonObject obj)
    {
        var apiVersion = obj["apiVersion"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : "";
        if (apiVersion != resource.ApiVersion)
        {
            throw ApiErrors.BadRequest($"Incorrect version specified in apply patch. Specified patch version: {apiVersion}, expected: {resource.ApiVersion}");
        }

        if (obj["kind"] is not JsonValue k || !k.TryGetValue<string>(out var kind) || kind.Length == 0)
        {
            var gvk = $"{resource.Group}/{resource.Version}, Kind=";
            throw ApiErrors.BadRequest($"failed to create typed patch object ({gvk}): no corresponding type for {gvk}");
        }
    }
}
