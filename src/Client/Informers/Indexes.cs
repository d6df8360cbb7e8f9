namespace Orchestrator.Client;

/// <summary>The indexes every informer cache keeps.</summary>
public static class Indexes
{
    /// <summary>metadata.namespace ("" for cluster-scoped objects).</summary>
    public const string Namespace = "namespace";

    /// <summary>Pods by spec.nodeName; pods not yet bound are filed under "".</summary>
    public const string NodeName = "spec.nodeName";

    /// <summary>Objects by the uid of every one of their ownerReferences.</summary>
    public const string OwnerUid = "owner.uid";

    /// <summary>The values <paramref name="obj"/> is filed under, per index name.</summary>
    internal static IEnumerable<(string Index, string Value)> ValuesOf<T>(T obj)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        yield return (Namespace, obj.Metadata?.NamespaceProperty ?? string.Empty);
        if (obj is V1Pod pod)
        {
            yield return (NodeName, pod.Spec?.NodeName ?? string.Empty);
        }

        if (obj.Metadata?.OwnerReferences is { } owners)
        {
            foreach (var owner in owners)
            {
                if (!string.IsNullOrEmpty(owner.Uid))
                {
                    yield return (OwnerUid, owner.Uid);
                }
            }
        }
    }
}
