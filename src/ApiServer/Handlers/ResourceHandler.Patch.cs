namespace Orchestrator.ApiServer.Handlers;

/// <summary>
/// PATCH (<see cref="PatchRequest"/>): the patch is applied to the stored object and written
/// conditioned on the revision it was applied to; a concurrent write makes it re-apply to the newer
/// object, as upstream does. An apply patch of an object that does not exist creates it. The patch
/// applies to the object in the request's version (<see cref="ObjectVersions"/>): the stored object is
/// converted to it, patched, checked and (apply) given its managed fields there, then converted back.
/// </summary>
internal sealed partial class ResourceHandler
{
    private async Task PatchAsync(HttpContext context, ResourceRequest request)
    {
        var patch = await PatchRequest.ReadAsync(context, request);
        var resource = request.Resource;
        JsonObject written;
        try
        {
            written = await updater.UpdateAsync(request, patch.Owner, patch.DryRun, stored =>
            {
                var current = ObjectVersions.ToServed(resource, Responses.WithTypeMeta(resource.Storage, stored));
                var patched = patch.ApplyTo(current, resource.ModelType);
                if (patch.Configuration is { } config)
                {
                    FieldManager.Apply(resource, current, patched, config, patch.Owner, patch.Force, ObjectMeta.Now(time));
                }

                BodyChecks.CheckKind(resource, resource.Kind, resource.ApiVersion, patched);
                foreach (var warning in BodyChecks.CheckSchema(resource, resource.ModelType, resource.Kind, patched, patch.Validation, context.RequestAborted))
                {
                    Responses.AddWarning(context, warning);
                }

                ObjectUpdater.RequireResourceVersion(request, patch.SetsResourceVersion ? ObjectMeta.ResourceVersion(patched) : null, current);
                return ObjectVersions.ToStorage(resource, patched);
            }, context.RequestAborted);
        }
        catch (ApiException e) when (e.Code == 404 && patch.IsApply && request.Subresource is null && patch.Patch is JsonObject applied)
        {
            // Server-side apply of an object that does not exist creates it.
            await CreateFromApplyAsync(context, request, applied, patch);
            return;
        }

        await Responses.WriteJsonAsync(context, 200, ObjectVersions.ToServed(resource, written));
    }

    /// <summary>Creates the applied object through the same path as POST, with the owner's Apply entry.</summary>
    private async Task CreateFromApplyAsync(HttpContext context, ResourceRequest request, JsonObject applied, PatchRequest patch)
    {
        var resource = request.Resource;
        BodyChecks.CheckKind(resource, resource.Kind, resource.ApiVersion, applied);

        // Prunes and canonicalizes the object to create; its warnings went out with the configuration's.
        BodyChecks.CheckSchema(resource, resource.ModelType, resource.Kind, applied, patch.Validation, context.RequestAborted);
        JsonObject created;
        try
        {
            created = await creator.CreateAsync(request, ObjectVersions.ToStorage(resource, applied), patch.Owner, patch.Configuration!, patch.DryRun, context.RequestAborted);
        }
        catch (ApiException e) when (e.Reason == "AlreadyExists")
        {
            // Created by someone else since the apply found nothing: the apply conflicts with it.
            throw ApiErrors.Conflict(resource, request.Name!);
        }

        await Responses.WriteJsonAsync(context, 201, ObjectVersions.ToServed(resource, created));
    }
}
