namespace Orchestrator.ApiServer.Admission;

/// <summary>
/// Objects from the watch cache, confirmed against the store on a miss: an object created a moment
/// ago may not have reached the cache yet (upstream's admission plugins do the same live lookup).
/// </summary>
internal sealed class ObjectLookup(IStore store, WatchCacheSet caches) : IObjectLookup
{
    public JsonObject? Find(ResourceDefinition resource, string? ns, string name)
    {
        var key = ObjectKeys.Item(resource, ns, name);
        if (caches.For(resource).TryGet(key) is { } cached)
        {
            return cached.Object;
        }

        // Admission runs inside the synchronous write path (RegistryRules, GuaranteedUpdate's update
        // function), so the rare miss waits for the store here, as upstream's plugins block on their live GET.
        var stored = store.GetAsync(key).GetAwaiter().GetResult();
        return stored is null ? null : StoredObject.Decode(stored);
    }
}
