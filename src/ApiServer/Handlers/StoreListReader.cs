namespace Orchestrator.ApiServer.Handlers;

/// <summary>Lists read from the store rather than the watch cache: paged and exact-revision lists, and deletecollection.</summary>
internal static class StoreListReader
{
    private const string ContinueTooOld =
        "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.";

    /// <summary>
    /// Reads one page: with a selector, store pages are read until <see cref="ListQuery.Limit"/>
    /// matching objects are found, so the limit counts results, as upstream's does.
    /// </summary>
    public static async Task<(List<JsonObject> Items, long Revision, string? Continue)> ReadAsync(IStore store, ResourceRequest request, ObjectFilter filter, ListQuery query, CancellationToken cancellationToken)
    {
        var prefix = ObjectKeys.ListPrefix(request.Resource, request.Namespace);
        var current = await store.GetCurrentRevisionAsync(cancellationToken);
        if (query.ResourceVersion is { } wanted && wanted > current)
        {
            throw ApiErrors.Timeout($"Too large resource version: {wanted}, current: {current}");
        }

        long? at = query.ResourceVersionMatch == "Exact" ? query.ResourceVersion : null;
        var items = new List<JsonObject>();
        var token = query.Continue;
        long revision;
        try
        {
            while (true)
            {
                var page = await store.ListAsync(new ListOptions { Prefix = prefix, AtRevision = at, Limit = query.Limit, Continue = token }, cancellationToken);
                revision = page.Revision;
                at = revision;
                foreach (var item in page.Items)
                {
                    var obj = StoredObject.Decode(item);
                    if (filter.Matches(obj))
                    {
                        items.Add(obj);
                    }
                }

                token = page.Continue;
                if (token is null || query.Limit == 0 || items.Count >= query.Limit)
                {
                    break;
                }
            }
        }
        catch (StoreCompactedException) when (query.Continue is not null)
        {
            throw ApiErrors.Expired(ContinueTooOld);
        }
        catch (StoreCompactedException e)
        {
            throw ApiErrors.Expired($"too old resource version: {e.RequestedRevision} ({e.CompactRevision})");
        }
        catch (StoreInvalidContinueException e)
        {
            throw ApiErrors.BadRequest($"continue key is not valid: {e.Message}");
        }

        return (items, revision, token);
    }
}
