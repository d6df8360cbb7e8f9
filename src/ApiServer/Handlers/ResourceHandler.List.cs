namespace Orchestrator.ApiServer.Handlers;

/// <summary>
/// LIST and deletecollection. Lists are served from the watch cache, as kube-apiserver serves
/// them: resourceVersion "0" takes whatever the cache has; none (a consistent read) waits briefly
/// until the cache has caught up with the store's current revision and otherwise reads the store;
/// paged and exact-revision lists always read the store, whose snapshots carry continue tokens.
/// </summary>
internal sealed partial class ResourceHandler
{
    private static readonly TimeSpan ConsistentReadWait = TimeSpan.FromMilliseconds(250);

    private async Task ListAsync(HttpContext context, ResourceRequest request)
    {
        var filter = ObjectFilter.FromQuery(request.Resource, context.Request.Query);
        var query = ListQuery.FromQuery(context.Request.Query);
        if (await TryListFromCacheAsync(context, request, filter, query))
        {
            return;
        }

        var (items, revision, next) = await StoreListReader.ReadAsync(store, request, filter, query, context.RequestAborted);
        if (TableRequest.From(context, time) is { } table)
        {
            foreach (var item in items)
            {
                Responses.WithTypeMeta(request.Resource.Storage, item);
            }

            await Responses.WriteJsonAsync(context, 200, table.Build(request.Resource, items, revision.ToString(CultureInfo.InvariantCulture), next));
            return;
        }

        await Responses.WriteJsonAsync(context, 200, ListWriter.Body(request.Resource, items, revision, next));
    }

    private async Task<bool> TryListFromCacheAsync(HttpContext context, ResourceRequest request, ObjectFilter filter, ListQuery query)
    {
        if (query.Continue is not null || query.ResourceVersionMatch == "Exact" || (query.Limit > 0 && !query.AnyVersion))
        {
            return false;
        }

        var cancellationToken = context.RequestAborted;
        var cache = caches.For(request.Resource);
        await cache.WaitReadyAsync(cancellationToken);
        if (query.ResourceVersion is { } wanted)
        {
            if (!await cache.WaitForRevisionAsync(wanted, TimeSpan.FromSeconds(3), cancellationToken))
            {
                throw ApiErrors.Timeout($"Too large resource version: {wanted}, current: {cache.Revision}");
            }
        }
        else if (!query.AnyVersion
            && !await cache.WaitForRevisionAsync(await store.GetCurrentRevisionAsync(cancellationToken), ConsistentReadWait, cancellationToken))
        {
            return false;
        }

        var (items, revision) = cache.List(ObjectKeys.ListPrefix(request.Resource, request.Namespace));
        if (TableRequest.From(context, time) is { } table)
        {
            var rows = items.Where(filter.Matches).Select(i => i.Object).ToList();
            await Responses.WriteJsonAsync(context, 200, table.Build(request.Resource, rows, revision.ToString(CultureInfo.InvariantCulture), null));
            return true;
        }

        await ListWriter.WriteCachedAsync(context, request.Resource, items, revision, filter);
        return true;
    }

    private async Task DeleteCollectionAsync(HttpContext context, ResourceRequest request)
    {
        var filter = ObjectFilter.FromQuery(request.Resource, context.Request.Query);
        var options = await DeleteOptions.ReadAsync(context.Request, context.RequestAborted);
        var (items, revision, _) = await StoreListReader.ReadAsync(store, request, filter, new ListQuery(0, null, null, null), context.RequestAborted);
        var deleted = new List<JsonObject>(items.Count);
        foreach (var item in items)
        {
            try
            {
                var target = request with { Namespace = Objects.ObjectMeta.Namespace(item), Name = Objects.ObjectMeta.Name(item) };
                deleted.Add(await deleter.DeleteAsync(target, options, context.RequestAborted));
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Deleted by someone else meanwhile.
            }
        }

        await Responses.WriteJsonAsync(context, 200, ListWriter.Body(request.Resource, deleted, revision, null));
    }
}
