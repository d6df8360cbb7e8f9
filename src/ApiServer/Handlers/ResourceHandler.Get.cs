using Microsoft.AspNetCore.Http;
using Orchestrator.ApiServer.Storage;

namespace Orchestrator.ApiServer.Handlers;

internal sealed partial class ResourceHandler
{
    private async Task GetAsync(HttpContext context, ResourceRequest request)
    {
        var stored = await ReadAsync(request, context.RequestAborted);
        await Responses.WriteJsonAsync(context, 200, WithTypeMeta(request.Resource, StoredObject.Decode(stored)));
    }
}
