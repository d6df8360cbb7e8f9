using static Orchestrator.ApiServer.Selectors.FieldSelectorFields;

namespace Orchestrator.ApiServer.Registry.Core.Nodes;

/// <summary>Nodes (upstream pkg/registry/core/node/strategy.go): a kubelet registers its node with its status.</summary>
internal sealed class NodeStrategy() : ResourceStrategy(new NodePrinter(), Selectable)
{
    private static readonly SelectableFields Selectable = new(Fields(Field("metadata.name"), Field("spec.unschedulable", "false")), NotSupported);

    /// <summary>Upstream keeps a new node's status (capacity, conditions, nodeInfo) as registered.</summary>
    public override void ResetStatusOnCreate(JsonObject obj, bool hasStatusSubresource)
    {
    }
}
