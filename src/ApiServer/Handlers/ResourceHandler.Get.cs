namespace Orchestrator.ApiServer.Handlers;

internal sealed partial class ResourceHandler
{
    private async Task GetAsync(HttpContext context, ResourceRequest request)
    {
        var stored = await store.GetAsync(ObjectKeys.Item(request.Resource, request.Namespace, request.Name!), context.RequestAborted)
            ?? throw ApiErrors.NotFound(request.Resource, request.Name!);
        var obj = Responses.WithTypeMeta(request.Resource.Storage, StoredObject.Decode(stored));
        if (TableRequest.From(context, time) is { } table)
        {
            await Responses.WriteJsonAsync(context, 200, table.Build(request.Resource, [obj], Objects.ObjectMeta.ResourceVersion(obj), null));
            return;
        }

        await Responses.WriteJsonAsync(context, 200, ObjectVersions.ToServed(request.Resource, obj));
    }
}
