using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Storage;
using Orchestrator.Store;

namespace Orchestrator.ApiServer.Handlers;

internal sealed partial class ResourceHandler
{
    private const string ContinueTooOld =
        "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.";

    private async Task ListAsync(HttpContext context, ResourceRequest request)
    {
        var filter = ObjectFilter.FromQuery(request.Resource, context.Request.Query);
        var query = ListQuery.FromQuery(context.Request.Query);
        if (await TryListFromCacheAsync(context, request, filter, query))
        {
            return;
        }

        var (items, revision, next) = await ListObjectsAsync(request, filter, query, context.RequestAborted);
        if (TableRequest.From(context, time) is { } table)
        {
            foreach (var item in items)
            {
                WithTypeMeta(request.Resource, item);
            }

            await Responses.WriteJsonAsync(context, 200, table.Build(request.Resource, items, revision.ToString(CultureInfo.InvariantCulture), next));
            return;
        }

        await Responses.WriteJsonAsync(context, 200, ListBody(request, items, revision, next));
    }

    /// <summary>
    /// Reads one page: with a selector, store pages are read until <see cref="ListQuery.Limit"/>
    /// matching objects are found, so the limit counts results, as upstream's does.
    /// </summary>
    private async Task<(List<JsonObject> Items, long Revision, string? Continue)> ListObjectsAsync(ResourceRequest request, ObjectFilter filter, ListQuery query, CancellationToken cancellationToken)
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

    private static JsonObject ListBody(ResourceRequest request, List<JsonObject> items, long revision, string? next)
    {
        var metadata = new JsonObject { ["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture) };
        if (next is not null)
        {
            metadata["continue"] = next;
        }

        foreach (var item in items)
        {
            // Items of a list carry no type meta, as kube-apiserver's lists.
            item.Remove("kind");
            item.Remove("apiVersion");
        }

        return new JsonObject
        {
            ["kind"] = request.Resource.ListKind,
            ["apiVersion"] = request.Resource.ApiVersion,
            ["metadata"] = metadata,
            ["items"] = new JsonArray([.. items]),
        };
    }

    private async Task DeleteCollectionAsync(HttpContext context, ResourceRequest request)
    {
        var filter = ObjectFilter.FromQuery(request.Resource, context.Request.Query);
        var options = await DeleteOptions.ReadAsync(context.Request, context.RequestAborted);
        var (items, revision, _) = await ListObjectsAsync(request, filter, new ListQuery(0, null, null, null), context.RequestAborted);
        var deleted = new List<JsonObject>(items.Count);
        foreach (var item in items)
        {
            try
            {
                var target = request with { Namespace = Objects.ObjectMeta.Namespace(item), Name = Objects.ObjectMeta.Name(item) };
                deleted.Add(await DeleteOneAsync(target, options, context.RequestAborted));
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Deleted by someone else meanwhile.
            }
        }

        await Responses.WriteJsonAsync(context, 200, ListBody(request, deleted, revision, null));
    }
}
