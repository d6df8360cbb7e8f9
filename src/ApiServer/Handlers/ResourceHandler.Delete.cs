namespace Orchestrator.ApiServer.Handlers;

/// <summary>DELETE of one object (<see cref="ObjectDeleter"/>); deletecollection is with the list.</summary>
internal sealed partial class ResourceHandler
{
    private async Task DeleteAsync(HttpContext context, ResourceRequest request)
    {
        var options = await DeleteOptions.ReadAsync(context.Request, context.RequestAborted);
        var result = await deleter.DeleteAsync(request, options, context.RequestAborted);
        await Responses.WriteJsonAsync(context, 200, ObjectVersions.ToServed(request.Resource, result));
    }
}
