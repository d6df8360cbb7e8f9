namespace Orchestrator.Client;

/// <summary>
/// An informer's local copy of a resource, safe to read from any thread. Returned objects are shared:
/// copy before changing one (STYLE.md rule 11).
/// </summary>
public interface ICache<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The object, or null when the informer does not know it (deleted or never seen).</summary>
    T? Get(NamespacedName key);

    IReadOnlyList<T> List();

    IReadOnlyList<T> ListNamespace(string ns);

    /// <summary>The objects the index named <paramref name="indexName"/> (see <see cref="Indexes"/>) files under <paramref name="value"/>.</summary>
    IReadOnlyList<T> ByIndex(string indexName, string value);
}
