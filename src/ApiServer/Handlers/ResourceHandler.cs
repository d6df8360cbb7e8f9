using Orchestrator.ApiServer.Handlers.Subresources;

namespace Orchestrator.ApiServer.Handlers;

/// <summary>
/// The REST verbs on any registered resource, generic over JSON objects: the resource definition
/// says where objects live and what schema they follow. One partial file per verb; subresources
/// with their own handler (<see cref="ISubresourceHandler"/>) are dispatched by their registered
/// name (connect subresources never get here: Hosting/ApiRoutes sends them to the streaming
/// proxy), and status, like any subresource with its own update strategy, is a mode of get, update and patch.
/// </summary>
internal sealed partial class ResourceHandler(
    IStore store,
    ResourceRegistry registry,
    ObjectCreator creator,
    ObjectUpdater updater,
    ObjectDeleter deleter,
    Caching.WatchCacheSet caches,
    IEnumerable<ISubresourceHandler> subresourceHandlers,
    IEnumerable<Reviews.IReviewHandler> reviewHandlers,
    IEnumerable<ReadOnly.IReadOnlyResourceHandler> readOnlyHandlers,
    TimeProvider time)
{
    /// <summary>The subresource that writes status only and reads like its parent (upstream's status strategy).</summary>
    private const string Status = "status";

    private readonly Dictionary<string, ISubresourceHandler> _subresources = subresourceHandlers.ToDictionary(h => h.Name, StringComparer.Ordinal);

    private readonly Dictionary<(string Group, string Plural), Reviews.IReviewHandler> _reviews = reviewHandlers.ToDictionary(h => (h.Group, h.Plural));

    private readonly Dictionary<(string Group, string Plural), ReadOnly.IReadOnlyResourceHandler> _readOnly = readOnlyHandlers.ToDictionary(h => (h.Group, h.Plural));

    public ResourceRegistry Registry => registry;

    /// <summary>Dispatches by subresource, then by method and <c>watch</c>.</summary>
    public Task HandleAsync(HttpContext context, ResourceRequest request)
    {
        if (request.Resource.DeprecationWarning is { } deprecated)
        {
            Responses.AddWarning(context, deprecated);
        }

        if (!request.Resource.Stored)
        {
            return _readOnly.TryGetValue((request.Resource.Group, request.Resource.Plural), out var computed)
                ? ReadOnlyAsync(context, request, computed)
                : ReviewAsync(context, request);
        }

        if (request.Subresource is { } name)
        {
            if (request.Resource.Subresources.All(s => s.Name != name))
            {
                throw ApiErrors.ResourceNotFound();
            }

            if (_subresources.TryGetValue(name, out var handler))
            {
                return handler.HandleAsync(context, request);
            }
        }

        var watch = QueryValues.Bool(context.Request.Query["watch"]) ?? false;
        return (context.Request.Method, request.Name, request.Subresource) switch
        {
            ("GET", null, _) when watch => WatchAsync(context, request),
            ("GET", null, _) => ListAsync(context, request),
            ("GET", _, _) when SpeaksParent(request) => GetAsync(context, request),
            ("POST", null, _) => CreateAsync(context, request),
            ("PATCH", not null, _) when SpeaksParent(request) => PatchAsync(context, request),
            ("PUT", _, _) when SpeaksParent(request) => UpdateAsync(context, request),
            ("DELETE", null, _) => DeleteCollectionAsync(context, request),
            ("DELETE", _, null) => DeleteAsync(context, request),
            _ => throw ApiErrors.MethodNotAllowed(),
        };
    }

    /// <summary>
    /// The object itself, its status, or a subresource with its own update strategy (pods/ephemeralcontainers):
    /// read, replaced and patched as the parent object is.
    /// </summary>
    private static bool SpeaksParent(ResourceRequest request) =>
        request.Subresource is null or Status
        || request.Resource.Subresources.Any(s => s.Name == request.Subresource && s.Strategy is not null);

    /// <summary>A create-only kind: POST on the collection, answered 201 by its review handler and never stored.</summary>
    private async Task ReviewAsync(HttpContext context, ResourceRequest request)
    {
        if (context.Request.Method != "POST" || request.Name is not null || request.Subresource is not null)
        {
            throw ApiErrors.MethodNotAllowed();
        }

        var handler = _reviews.GetValueOrDefault((request.Resource.Group, request.Resource.Plural)) ?? throw ApiErrors.ResourceNotFound();
        var (body, warnings) = await ReadObjectBodyAsync(context, request.Resource);
        foreach (var warning in warnings)
        {
            Responses.AddWarning(context, warning);
        }

        var answer = await handler.ReviewAsync(context, request, body);
        answer["kind"] = request.Resource.Kind;
        answer["apiVersion"] = request.Resource.ApiVersion;
        await Responses.WriteJsonAsync(context, 201, answer);
    }

    /// <summary>
    /// Reads a create or update body: media type, size and syntax, kind, then schema (unknown fields per fieldValidation),
    /// in the version of the request; the body returned is in the storage version (<see cref="ObjectVersions"/>).
    /// </summary>
    private static async Task<(JsonObject Body, IReadOnlyList<string> Warnings)> ReadObjectBodyAsync(HttpContext context, ResourceDefinition resource)
    {
        var body = await Serialization.RequestBody.ReadObjectAsync(context.Request, context.RequestAborted);
        BodyChecks.CheckKind(resource, resource.Kind, resource.ApiVersion, body);
        var warnings = BodyChecks.CheckSchema(resource, resource.ModelType, resource.Kind, body, RequestOptions.FieldValidationOf(context), context.RequestAborted);
        return (ObjectVersions.ToStorage(resource, body), warnings);
    }
}
