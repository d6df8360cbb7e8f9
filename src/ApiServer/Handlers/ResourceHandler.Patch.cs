using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.FieldManagement;
using Orchestrator.ApiServer.Objects;
using Orchestrator.ApiServer.Patching;
using Orchestrator.ApiServer.Serialization;
using Orchestrator.ApiServer.Storage;
using Orchestrator.Store;

namespace Orchestrator.ApiServer.Handlers;

/// <summary>
/// PATCH in the four formats kubectl sends: JSON Patch, JSON merge patch, strategic merge patch
/// and apply. The patch is applied to the stored object and written conditioned on the revision it
/// was applied to; a concurrent write makes it re-apply to the newer object, as upstream does.
/// </summary>
internal sealed partial class ResourceHandler
{
    public static readonly string[] PatchMediaTypes =
    [
        "application/json-patch+json",
        "application/merge-patch+json",
        "application/strategic-merge-patch+json",
        "application/apply-patch+yaml",
    ];

    private async Task PatchAsync(HttpContext context, ResourceRequest request)
    {
        var mediaType = RequestBody.MediaType(context.Request);
        if (!PatchMediaTypes.Contains(mediaType))
        {
            throw ApiErrors.UnsupportedMediaType(mediaType, PatchMediaTypes);
        }

        var isApply = mediaType == "application/apply-patch+yaml";
        var (owner, force) = PatchOptionsOf(context, request, isApply);
        var bytes = await RequestBody.ReadBytesAsync(context.Request, context.RequestAborted);
        var patch = isApply ? RequestBody.ParseYaml(bytes, context.RequestAborted) : RequestBody.ParseJson(bytes, context.RequestAborted);
        if (mediaType == "application/json-patch+json" && patch is JsonArray { Count: > JsonPatch.MaxOperations } operations)
        {
            throw ApiErrors.RequestEntityTooLarge($"The allowed maximum operations in a JSON patch is {JsonPatch.MaxOperations}, got {operations.Count}");
        }

        var dryRun = IsDryRun(context);
        var validation = FieldValidationOf(context);
        var resource = request.Resource;
        var isScale = request.Subresource == "scale";
        var config = isApply ? ApplyConfiguration(context, resource, patch, validation) : null;

        while (true)
        {
            var stored = await store.GetAsync(ObjectKeys.Item(resource, request.Namespace, request.Name!), context.RequestAborted);
            if (stored is null)
            {
                if (isApply && request.Subresource is null && patch is JsonObject applied)
                {
                    // Server-side apply of an object that does not exist creates it.
                    await CreateFromApplyAsync(context, request, applied, config!, owner, dryRun, validation);
                    return;
                }

                throw ApiErrors.NotFound(resource, request.Name!);
            }

            var current = WithTypeMeta(resource, StoredObject.Decode(stored));
            var target = isScale ? ScaleConversion.ToScale(current) : current;
            var patched = ApplyPatch(mediaType, target, isApply ? config?.DeepClone() : patch, isScale ? typeof(k8s.Models.V1Scale) : resource.ModelType).AsObject();
            if (config is not null && !isScale)
            {
                FieldManager.Apply(resource, current, patched, config, owner, force, ObjectMeta.Now(time));
            }

            if (isScale)
            {
                await WriteScaleAsync(context, request, patched);
                return;
            }

            Admission.CheckKind(resource, resource.Kind, resource.ApiVersion, patched);
            foreach (var warning in Admission.CheckSchema(resource, resource.ModelType, resource.Kind, patched, validation, context.RequestAborted))
            {
                Responses.AddWarning(context, warning);
            }

            // A resourceVersion the patch itself sets is a precondition (kubectl's JSON patches use it so).
            // The patched object always carries the stored resourceVersion, so only a patch that names one pins it.
            var precondition = PatchSetsResourceVersion(patch) ? ObjectMeta.ResourceVersion(patched) : null;
            var currentRv = stored.ModRevision.ToString(CultureInfo.InvariantCulture);
            if (precondition is { Length: > 0 } && precondition != currentRv)
            {
                throw ApiErrors.Conflict(resource, request.Name!);
            }

            try
            {
                var written = await WriteUpdateAsync(request, stored, patched, owner, dryRun, context.RequestAborted);
                await Responses.WriteJsonAsync(context, 200, written);
                return;
            }
            catch (ApiException e) when (e.Reason == "Conflict")
            {
                // The object changed between read and write: apply the patch again to the newer one.
                // (The patched object always carries a resourceVersion — the stored one unless the patch
                // sets its own — so a patch-supplied precondition fails the check above on the next pass.)
            }
        }
    }

    private static bool PatchSetsResourceVersion(JsonNode? patch) => patch switch
    {
        JsonObject o => o["metadata"]?["resourceVersion"] is not null,
        JsonArray ops => ops.Any(op => op?["path"]?.GetValue<string>() == "/metadata/resourceVersion"),
        _ => false,
    };

    private static JsonNode ApplyPatch(string mediaType, JsonObject target, JsonNode? patch, Type modelType)
    {
        try
        {
            return mediaType switch
            {
                "application/json-patch+json" => JsonPatch.Apply(target, patch),
                "application/merge-patch+json" => JsonMergePatch.Apply(target, patch),
                _ => patch is JsonObject
                    ? StrategicMergePatch.Apply(target, patch, modelType)
                    : throw new PatchException("the body of a strategic merge or apply patch must be a JSON object", isInvalid: false),
            };
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

    private async Task CreateFromApplyAsync(HttpContext context, ResourceRequest request, JsonObject applied, JsonObject config, FieldOwner owner, bool dryRun, FieldValidation validation)
    {
        var resource = request.Resource;
        Admission.CheckKind(resource, resource.Kind, resource.ApiVersion, applied);

        // Prunes and canonicalizes the object to create; its warnings went out with the configuration's.
        Admission.CheckSchema(resource, resource.ModelType, resource.Kind, applied, validation, context.RequestAborted);
        if (ObjectMeta.Name(applied) is { } name && name != request.Name)
        {
            throw ApiErrors.BadRequest($"the name of the object ({name}) does not match the name on the URL ({request.Name})");
        }

        StoredObject.Metadata(applied)["name"] = request.Name;
        var ns = await RequireNamespaceAsync(request, context.RequestAborted);
        admission.PrepareCreate(resource, applied, request.Namespace);
        RefuseInTerminatingNamespace(request, request.Name!, ns);
        FieldManager.RecordApplyCreate(resource, applied, config, owner, ObjectMeta.Now(time));

        if (dryRun)
        {
            await Responses.WriteJsonAsync(context, 201, applied);
            return;
        }

        try
        {
            var created = await store.CreateAsync(ObjectKeys.Item(resource, request.Namespace, request.Name!), StoredObject.Encode(applied), null, context.RequestAborted);
            await Responses.WriteJsonAsync(context, 201, WithTypeMeta(resource, StoredObject.Decode(created)));
        }
        catch (StoreKeyExistsException)
        {
            throw ApiErrors.Conflict(resource, request.Name!);
        }
    }
}
