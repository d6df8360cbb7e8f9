using static Orchestrator.ApiServer.Selectors.FieldSelectorFields;

namespace Orchestrator.ApiServer.Registry.Core.Namespaces;

/// <summary>
/// Namespaces (upstream pkg/registry/core/namespace/strategy.go): a new namespace starts Active with
/// the <c>kubernetes</c> finalizer, and always carries <c>kubernetes.io/metadata.name</c> = its name.
/// Deleted, it shows phase Terminating and stays while its spec.finalizers are not cleared through
/// namespaces/finalize (upstream's namespace REST Delete).
/// </summary>
internal sealed class NamespaceStrategy() : ResourceStrategy(new NamespacePrinter(), Selectable)
{
    private static readonly SelectableFields Selectable = new(Fields(Field("metadata.name"), Field("status.phase")), NotSupported);

    public override void PrepareForCreate(JsonObject obj) =>
        obj["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };

    /// <summary>Upstream's NamespaceDefaultLabelName, on create and on every update.</summary>
    public override void Default(JsonObject obj, bool create)
    {
        var metadata = Storage.StoredObject.Metadata(obj);
        var labels = metadata["labels"] as JsonObject ?? [];
        labels["kubernetes.io/metadata.name"] = ObjectMeta.Name(obj);
        metadata["labels"] = labels;
    }

    public override void ResetStatusOnCreate(JsonObject obj, bool hasStatusSubresource) => StartInPhase(obj, "Active");

    public override bool HasOwnFinalizers(JsonObject obj) => obj["spec"]?["finalizers"] is JsonArray { Count: > 0 };

    public override void PrepareForDelete(JsonObject marked)
    {
        if (HasOwnFinalizers(marked))
        {
            StartInPhase(marked, "Terminating");
        }
    }
}
