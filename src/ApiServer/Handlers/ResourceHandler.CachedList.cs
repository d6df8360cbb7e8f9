using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Storage;

namespace Orchestrator.ApiServer.Handlers;

/// <summary>
/// Lists served from the watch cache, as kube-apiserver serves them: resourceVersion "0" takes
/// whatever the cache has; none (a consistent read) waits briefly until the cache has caught up
/// with the store's current revision and otherwise reads the store; paged and exact-revision
/// lists always read the store, whose snapshots carry continue tokens.
/// </summary>
internal sealed partial class ResourceHandler
{
    private static readonly TimeSpan ConsistentReadWait = TimeSpan.FromMilliseconds(250);

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
            var rows = items.Where(i => filter.Matches(i.Object)).Select(i => i.Object).ToList();
            await Responses.WriteJsonAsync(context, 200, table.Build(request.Resource, rows, revision.ToString(CultureInfo.InvariantCulture), null));
            return true;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        var output = context.Response.BodyWriter.AsStream();
        var resource = request.Resource;
        await output.WriteAsync(Encoding.UTF8.GetBytes(
            $"{{\"kind\":\"{resource.ListKind}\",\"apiVersion\":\"{resource.ApiVersion}\",\"metadata\":{{\"resourceVersion\":\"{revision.ToString(CultureInfo.InvariantCulture)}\"}},\"items\":["), cancellationToken);
        var first = true;
        foreach (var item in items)
        {
            if (!filter.IsEmpty && !filter.Matches(item.Object))
            {
                continue;
            }

            if (!first)
            {
                await output.WriteAsync(","u8.ToArray(), cancellationToken);
            }

            first = false;
            await output.WriteAsync(item.Json, cancellationToken);
        }

        await output.WriteAsync("]}"u8.ToArray(), cancellationToken);
        return true;
    }
}
