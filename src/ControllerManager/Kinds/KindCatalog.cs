namespace Orchestrator.ControllerManager.Kinds;

/// <summary>The kinds the API server serves, with their typed calls; looked up by apiVersion and kind.</summary>
internal static partial class KindCatalog
{
    /// <summary>Every namespaced kind the API server serves, in the order the namespace deleter empties them.</summary>
    public static IReadOnlyList<KindOperations> Namespaced { get; } =
    [
        .. CreateAppsAndBatch(),
        .. CreateCore(),
        .. CreateOthers(),
    ];

    /// <summary>Nodes: cluster-scoped owners of namespaced objects (each node owns its lease).</summary>
    public static KindOperations Nodes { get; } = CreateNodes();

    public static KindOperations? Find(string apiVersion, string kind)
    {
        foreach (var ops in Namespaced)
        {
            if (ops.Kind == kind && ops.ApiVersion == apiVersion)
            {
                return ops;
            }
        }

        return Nodes.Kind == kind && Nodes.ApiVersion == apiVersion ? Nodes : null;
    }

    private static List<V1ObjectMeta> Metas<T>(IEnumerable<T> items)
        where T : IMetadata<V1ObjectMeta> => [.. items.Select(i => i.Metadata)];
}
