using Orchestrator.ApiMachinery.Objects;

namespace Orchestrator.Client;

/// <summary>Reads every controller makes of an informer cache.</summary>
public static class CacheExtensions
{
    /// <summary>
    /// The objects whose controller reference names <paramref name="owner"/> (uid included), found
    /// through the <see cref="Indexes.OwnerUid"/> index; objects that only list it as a non-controlling owner are left out.
    /// </summary>
    public static List<T> ControlledBy<T>(this ICache<T> cache, V1ObjectMeta owner)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(owner);
        return [.. cache.ByIndex(Indexes.OwnerUid, owner.Uid).Where(o => OwnerReferences.IsControlledBy(o.Metadata, owner))];
    }
}
