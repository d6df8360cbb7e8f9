using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.FieldManagement;
using Orchestrator.ApiServer.Objects;
using Orchestrator.ApiServer.Registry;

namespace Orchestrator.ApiServer.Handlers;

/// <summary>Server-side apply's request options and configuration checks.</summary>
internal sealed partial class ResourceHandler
{
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
            causes.Add(Validation.FieldErrors.Forbidden("force", "may not be specified for non-apply patch"));
        }

        if (isApply && context.Request.Query["fieldManager"].ToString().Length == 0)
        {
            causes.Add(Validation.FieldErrors.Required("fieldManager", "is required for apply patch"));
        }

        causes.AddRange(Validation.FieldManagerValidation.Check(context.Request.Query["fieldManager"].ToString(), "fieldManager"));
        if (causes.Count > 0)
        {
            throw ApiErrors.Invalid(request.Resource with { Group = "meta.k8s.io", Kind = "PatchOptions" }, "", causes);
        }

        var force = forceText.Count > 0 && forceText[0] is not ("false" or "0" or "False");
        return (FieldOwnerOf(context, request.Subresource, isApply ? ManagedFieldsEntry.Apply : ManagedFieldsEntry.Update), force);
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
        var config = Serialization.JsonTree.Clone(obj)!.AsObject();
        Admission.CheckKind(resource, resource.Kind, resource.ApiVersion, config);
        foreach (var warning in Admission.CheckSchema(resource, resource.ModelType, resource.Kind, config, validation, context.RequestAborted))
        {
            // Unknown fields are pruned here, so the merged object no longer shows them: warn now.
            Responses.AddWarning(context, warning);
        }

        return config;
    }
}
