namespace Orchestrator.ApiServer.Handlers;

internal sealed partial class ResourceHandler
{
    /// <summary>
    /// PUT: replaces the object (or, for status, its status). A resourceVersion in the body pins the
    /// write to that version; without one the body goes over whatever is there now. A missing object
    /// is created (201) when its kind allows create on update, else 404.
    /// </summary>
    private async Task UpdateAsync(HttpContext context, ResourceRequest request)
    {
        var resource = request.Resource;
        Validation.FieldManagerValidation.CheckOptions(resource, "UpdateOptions", context.Request.Query["fieldManager"].ToString());
        var dryRun = RequestOptions.IsDryRun(context);
        var (body, warnings) = await ReadObjectBodyAsync(context, resource);
        foreach (var warning in warnings)
        {
            Responses.AddWarning(context, warning);
        }

        if (ObjectMeta.Namespace(body) is { Length: > 0 } bodyNamespace && bodyNamespace != request.Namespace)
        {
            throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        var pinned = ObjectMeta.ResourceVersion(body);
        JsonObject updated;
        try
        {
            updated = await updater.UpdateAsync(request, RequestOptions.FieldOwnerOf(context, request.Subresource), dryRun, current =>
            {
                ObjectUpdater.RequireResourceVersion(request, pinned, current);
                return body.DeepClone().AsObject();
            }, context.RequestAborted);
        }
        catch (ApiException e) when (e.Code == 404 && request.Subresource is null && resource.Strategy.AllowCreateOnUpdate)
        {
            // The kind creates on update (upstream's AllowCreateOnUpdate): the PUT creates as a POST would.
            var created = await creator.CreateAsync(request, body, RequestOptions.FieldOwnerOf(context, null), null, dryRun, context.RequestAborted);
            await Responses.WriteJsonAsync(context, 201, ObjectVersions.ToServed(resource, created));
            return;
        }

        await Responses.WriteJsonAsync(context, 200, ObjectVersions.ToServed(resource, updated));
    }
}
