namespace Orchestrator.Client;

/// <summary>
/// The key of a namespaced or cluster-scoped object: what event handlers enqueue and reconciles receive.
/// <see cref="Namespace"/> is empty for cluster-scoped objects.
/// </summary>
public readonly record struct NamespacedName(string Namespace, string Name)
{
    /// <summary>The key of an object, from its metadata.</summary>
    public static NamespacedName Of(IMetadata<V1ObjectMeta> obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new NamespacedName(obj.Metadata?.NamespaceProperty ?? string.Empty, obj.Metadata?.Name ?? string.Empty);
    }

    /// <summary>Parses "namespace/name" or "name" (cluster-scoped), the form <see cref="ToString"/> writes.</summary>
    public static NamespacedName Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? new NamespacedName(string.Empty, key) : new NamespacedName(key[..slash], key[(slash + 1)..]);
    }

    public override string ToString() => Namespace.Length == 0 ? Name : Namespace + "/" + Name;
}
