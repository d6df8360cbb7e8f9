using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Caching;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Objects;
using Orchestrator.ApiServer.Registry;
using Orchestrator.ApiServer.Storage;
using Orchestrator.Store;

namespace Orchestrator.ApiServer.Handlers;

/// <summary>
/// Upstream's NamespaceLifecycle admission for creates: the namespace must exist, and a namespace
/// being deleted takes no new content.
/// </summary>
internal sealed class NamespaceLifecycle(IStore store, ResourceRegistry registry, WatchCacheSet caches)
{
    /// <summary>The request's namespace, 404 when it does not exist; null for cluster-scoped requests.</summary>
    public async Task<JsonObject?> RequireNamespaceAsync(ResourceRequest request, CancellationToken cancellationToken)
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

    /// <summary>403 for new objects in a namespace that is being deleted, as upstream's lifecycle admission.</summary>
    public static void RefuseInTerminatingNamespace(ResourceRequest request, string name, JsonObject? ns)
    {
        if (ns is not null && ObjectMeta.IsDeleting(ns))
        {
            throw ApiErrors.Forbidden(request.Resource, name, $"unable to create new content in namespace {request.Namespace} because it is being terminated");
        }
    }
}
