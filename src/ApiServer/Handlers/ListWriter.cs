namespace Orchestrator.ApiServer.Handlers;

/// <summary>
/// List bodies: <c>{kind: XList, apiVersion, metadata: {resourceVersion, continue}, items}</c>, items without type meta,
/// from storage-version objects, each converted to the version of <c>resource</c> (<see cref="ObjectVersions"/>).
/// </summary>
internal static class ListWriter
{
    public static JsonObject Body(ResourceDefinition resource, List<JsonObject> items, long revision, string? next)
    {
        var metadata = new JsonObject { ["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture) };
        if (next is not null)
        {
            metadata["continue"] = next;
        }

        var served = items.ConvertAll(item => ObjectVersions.ToServed(resource, item));
        foreach (var item in served)
        {
            // Items of a list carry no type meta, as kube-apiserver's lists.
            item.Remove("kind");
            item.Remove("apiVersion");
        }

        return new JsonObject
        {
            ["kind"] = resource.ListKind,
            ["apiVersion"] = resource.ApiVersion,
            ["metadata"] = metadata,
            ["items"] = new JsonArray([.. served]),
        };
    }

    /// <summary>Streams the cached objects that match <paramref name="filter"/> as they were serialized into the cache, without re-encoding them.</summary>
    public static async Task WriteCachedAsync(HttpContext context, ResourceDefinition resource, IEnumerable<CachedObject> items, long revision, ObjectFilter filter)
    {
        var cancellationToken = context.RequestAborted;
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        var output = context.Response.BodyWriter.AsStream();
        await output.WriteAsync(Encoding.UTF8.GetBytes(
            $"{{\"kind\":\"{resource.ListKind}\",\"apiVersion\":\"{resource.ApiVersion}\",\"metadata\":{{\"resourceVersion\":\"{revision.ToString(CultureInfo.InvariantCulture)}\"}},\"items\":["), cancellationToken);
        var first = true;
        foreach (var item in items)
        {
            if (!filter.Matches(item))
            {
                continue;
            }

            if (!first)
            {
                await output.WriteAsync(","u8.ToArray(), cancellationToken);
            }

            first = false;
            await output.WriteAsync(ObjectVersions.ServedJson(resource, item), cancellationToken);
        }

        await output.WriteAsync("]}"u8.ToArray(), cancellationToken);
    }
}
