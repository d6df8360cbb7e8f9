namespace Orchestrator.ApiServer.Handlers;

/// <summary>Get and list of a computed read-only kind (<see cref="IReadOnlyResourceHandler"/>); nothing else is served on it.</summary>
internal sealed partial class ResourceHandler
{
    private async Task ReadOnlyAsync(HttpContext context, ResourceRequest request, IReadOnlyResourceHandler handler)
    {
        var watch = QueryValues.Bool(context.Request.Query["watch"]) ?? false;
        if (context.Request.Method != "GET" || request.Subresource is not null || (watch && request.Name is null))
        {
            throw ApiErrors.MethodNotAllowed();
        }

        var cancellationToken = context.RequestAborted;
        var table = TableRequest.From(context, time);
        if (request.Name is not null)
        {
            var item = await handler.GetAsync(request, cancellationToken);
            await Responses.WriteJsonAsync(context, 200, table is null ? item : table.Build(request.Resource, [item], null, null));
            return;
        }

        var items = await handler.ListAsync(request, ObjectFilter.FromQuery(request.Resource, context.Request.Query), cancellationToken);
        if (table is not null)
        {
            await Responses.WriteJsonAsync(context, 200, table.Build(request.Resource, items, null, null));
            return;
        }

        // Computed objects have no resource version, nor has their list (metrics-server's "metadata": {}).
        var list = ListWriter.Body(request.Resource, [.. items], 0, null);
        list["metadata"] = new JsonObject();
        await Responses.WriteJsonAsync(context, 200, list);
    }
}
