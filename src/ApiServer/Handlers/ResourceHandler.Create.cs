namespace Orchestrator.ApiServer.Handlers;

/// <summary>POST: creates the object (<see cref="ObjectCreator"/>).</summary>
internal sealed partial class ResourceHandler
{
    private async Task CreateAsync(HttpContext context, ResourceRequest request)
    {
        var resource = request.Resource;
        Validation.FieldManagerValidation.CheckOptions(resource, "CreateOptions", context.Request.Query["fieldManager"].ToString());
        var (body, warnings) = await ReadObjectBodyAsync(context, resource);
        foreach (var warning in warnings)
        {
            Responses.AddWarning(context, warning);
        }

        var created = await creator.CreateWithJsonAsync(request, body, RequestOptions.FieldOwnerOf(context, null), null, RequestOptions.IsDryRun(context), context.RequestAborted);
        if (created.Stored is { } stored)
        {
            await Responses.WriteStoredAsync(context, 201, stored, created.Revision);
            return;
        }

        await Responses.WriteJsonAsync(context, 201, ObjectVersions.ToServed(resource, created.Object));
    }
}
