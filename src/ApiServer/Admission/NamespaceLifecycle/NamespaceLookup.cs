using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Caching;
using Orchestrator.ApiServer.Registry;
using Orchestrator.ApiServer.Storage;
using Orchestrator.Store;

namespace Orchestrator.ApiServer.Admission.NamespaceLifecycle;

/// <summary>
/// Namespaces from the watch cache, confirmed against the store on a miss: a namespace created a
/// moment ago may not have reached the cache yet (upstream's lifecycle admission does the same live lookup).
/// </summary>
internal sealed class NamespaceLookup(IStore store, ResourceRegistry registry, WatchCacheSet caches) : INamespaceLookup
{
    private readonly ResourceDefinition _namespaces = registry.Find("", "v1", "namespaces")!;

    public JsonObject? Find(string name)
    {
        var key = ObjectKeys.Item(_namespaces, null, name);
        if (caches.For(_namespaces).TryGet(key) is { } cached)
        {
            return cached.Object;
        }

        // Admission runs inside the synchronous write path (RegistryRules, GuaranteedUpdate's update
        // function), so the rare miss waits for the store here, as upstream's plugin blocks on its live GET.
        var stored = store.GetAsync(key).GetAwaiter().GetResult();
        return stored is null ? null : StoredObject.Decode(stored);
    }
}
