using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Objects;
using Orchestrator.ApiServer.Registry;
using Orchestrator.ApiServer.Storage;
using Orchestrator.Store;

namespace Orchestrator.ApiServer.Handlers;

/// <summary>
/// The REST verbs on any registered resource, generic over JSON objects: the resource definition
/// says where objects live and what schema they follow. One partial file per verb.
/// </summary>
internal sealed partial class ResourceHandler(IStore store, ResourceRegistry registry, Admission admission, Allocation.ServiceAllocator allocator, Caching.WatchCacheSet caches, TimeProvider time)
{
    public ResourceRegistry Registry => registry;

    /// <summary>Dispatches by method, subresource and <c>watch</c>.</summary>
    public Task HandleAsync(HttpContext context, ResourceRequest request)
    {
        if (request.Subresource is { } sub && !request.Resource.Subresources.Any(s => s.Name == sub))
        {
            throw ApiErrors.ResourceNotFound();
        }

        if (request.Subresource is { } connect && request.Name is not null && request.Resource.Subresources.First(s => s.Name == connect).Connect)
        {
            return context.RequestServices.GetRequiredService<Streaming.PodStreamingHandler>().HandleAsync(context, request);
        }

        var method = context.Request.Method;
        var watch = IsTrue(context.Request.Query["watch"]);
        return (method, request.Name, request.Subresource) switch
        {
            ("GET", not null, "scale") => GetScaleAsync(context, request),
            ("PUT", not null, "scale") => PutScaleAsync(context, request),
            ("POST", not null, "binding") => BindAsync(context, request),
            ("PUT", not null, "finalize") => FinalizeNamespaceAsync(context, request),
            ("POST", not null, "eviction") => EvictAsync(context, request),
            ("GET", null, _) when watch => WatchAsync(context, request),
            ("GET", null, _) => ListAsync(context, request),
            ("GET", _, null) => GetAsync(context, request),
            ("GET", _, "status") => GetAsync(context, request),
            ("POST", null, _) => CreateAsync(context, request),
            ("PATCH", not null, null or "status" or "scale") => PatchAsync(context, request),
            ("PUT", _, null or "status") => UpdateAsync(context, request),
            ("DELETE", null, _) => DeleteCollectionAsync(context, request),
            ("DELETE", _, null) => DeleteAsync(context, request),
            _ => throw ApiErrors.MethodNotAllowed(),
        };
    }

    /// <summary>The stored object, or 404.</summary>
    private async Task<KeyValue> ReadAsync(ResourceRequest request, CancellationToken cancellationToken) =>
        await store.GetAsync(ObjectKeys.Item(request.Resource, request.Namespace, request.Name!), cancellationToken)
        ?? throw ApiErrors.NotFound(request.Resource, request.Name!);

    /// <summary>404 when a namespaced request names a namespace that does not exist.</summary>
    private async Task<JsonObject?> RequireNamespaceAsync(ResourceRequest request, CancellationToken cancellationToken)
    {
        if (!request.Resource.Namespaced || request.Namespace is null)
        {
            return null;
        }

        // The namespace cache answers almost always; a namespace created a moment ago may not have
        // reached it yet, so a miss is confirmed against the store (upstream's lifecycle admission does the same).
        var namespaces = registry.Find("", "v1", "namespaces")!;
        var key = ObjectKeys.Item(namespaces, null, request.Namespace);
        if (caches.For(namespaces).TryGet(key) is { } cached)
        {
            return cached.Object;
        }

        var stored = await store.GetAsync(key, cancellationToken) ?? throw ApiErrors.NamespaceNotFound(request.Namespace);
        return StoredObject.Decode(stored);
    }

    /// <summary>Reads a create or update body: media type, size and syntax, kind, then schema (unknown fields per fieldValidation).</summary>
    private static async Task<(JsonObject Body, IReadOnlyList<string> Warnings)> ReadObjectBodyAsync(HttpContext context, ResourceDefinition resource)
    {
        var body = await Serialization.RequestBody.ReadObjectAsync(context.Request, context.RequestAborted);
        Admission.CheckKind(resource, resource.Kind, resource.ApiVersion, body);
        var warnings = Admission.CheckSchema(resource, resource.ModelType, resource.Kind, body, FieldValidationOf(context), context.RequestAborted);
        return (body, warnings);
    }

    /// <summary>403 for new objects in a namespace that is being deleted, as upstream's lifecycle admission.</summary>
    private static void RefuseInTerminatingNamespace(ResourceRequest request, string name, JsonObject? ns)
    {
        if (ns is not null && ObjectMeta.IsDeleting(ns))
        {
            throw ApiErrors.Forbidden(request.Resource, name, $"unable to create new content in namespace {request.Namespace} because it is being terminated");
        }
    }

    private static JsonObject WithTypeMeta(ResourceDefinition resource, JsonObject obj)
    {
        obj["kind"] = resource.Kind;
        obj["apiVersion"] = resource.ApiVersion;
        return obj;
    }

    private static bool IsTrue(Microsoft.Extensions.Primitives.StringValues value) => QueryValues.Bool(value) ?? false;

    private static bool IsDryRun(HttpContext context)
    {
        var dryRun = context.Request.Query["dryRun"];
        if (dryRun.Count == 0)
        {
            return false;
        }

        return dryRun[0] == "All"
            ? true
            : throw ApiErrors.BadRequest($"Invalid dry run value: {dryRun[0]}: supported values: \"All\"");
    }

    /// <summary>The writer to record managed fields for: <c>fieldManager</c>, or upstream's default from the User-Agent.</summary>
    private static FieldManagement.FieldOwner FieldOwnerOf(HttpContext context, string? subresource, string operation = FieldManagement.ManagedFieldsEntry.Update)
    {
        var manager = context.Request.Query["fieldManager"].ToString();
        if (manager.Length == 0)
        {
            manager = FieldManagement.FieldOwner.DefaultManager(context.Request.Headers.UserAgent.ToString());
        }

        return new FieldManagement.FieldOwner(manager, operation, subresource);
    }

    private static FieldValidation FieldValidationOf(HttpContext context) => context.Request.Query["fieldValidation"].ToString() switch
    {
        "" or "Warn" => FieldValidation.Warn,
        "Strict" => FieldValidation.Strict,
        "Ignore" => FieldValidation.Ignore,
        var other => throw ApiErrors.BadRequest($"fieldValidation must be one of \"Ignore\", \"Warn\", or \"Strict\", got \"{other}\""),
    };
}
