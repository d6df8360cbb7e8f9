namespace Orchestrator.ApiServer.Admission.NodeRestriction;

/// <summary>Nodes: only the node's own, without restricted labels, and without changing its taints or config source.</summary>
internal sealed partial class NodeRestriction
{
    private static void AdmitNode(string nodeName, AdmissionAttributes attributes)
    {
        if (attributes.Name != nodeName)
        {
            throw Forbidden(attributes, $"node {Quote(nodeName)} is not allowed to modify node {Quote(attributes.Name)}");
        }

        var node = attributes.Object;
        switch (attributes.Operation)
        {
            case AdmissionOperation.Create:
                // The node's access is scoped by what its spec names: setting a config source would widen it.
                if (node["spec"]?["configSource"] is JsonObject)
                {
                    throw Forbidden(attributes, $"node {Quote(nodeName)} is not allowed to create pods with a non-nil configSource");
                }

                // Labels a node may not give itself would let it steer privileged workloads to itself.
                if (NodeLabels.Forbidden(NodeLabels.Modified(LabelsOf(node), new Dictionary<string, string>())) is { Count: > 0 } labels)
                {
                    throw Forbidden(attributes, $"node {Quote(nodeName)} is not allowed to set the following labels: {string.Join(", ", labels)}");
                }

                break;
            case AdmissionOperation.Update when attributes.OldObject is { } old:
                if (node["spec"]?["configSource"] is JsonObject source && !JsonNode.DeepEquals(source, old["spec"]?["configSource"]))
                {
                    throw Forbidden(attributes, $"node {Quote(nodeName)} is not allowed to update configSource to a new non-nil configSource");
                }

                if (!SameList(node["spec"]?["taints"], old["spec"]?["taints"]))
                {
                    throw Forbidden(attributes, $"node {Quote(nodeName)} is not allowed to modify taints");
                }

                if (NodeLabels.Forbidden(NodeLabels.Modified(LabelsOf(node), LabelsOf(old))) is { Count: > 0 } changed)
                {
                    throw Forbidden(attributes, $"is not allowed to modify labels: {string.Join(", ", changed)}");
                }

                break;
        }
    }

    /// <summary>Lists compare by content; absent and empty are the same (Go's semantic equality of a nil and an empty slice is not, but the API never stores an empty list).</summary>
    private static bool SameList(JsonNode? a, JsonNode? b) =>
        (a is not JsonArray { Count: > 0 } && b is not JsonArray { Count: > 0 }) || JsonNode.DeepEquals(a, b);
}
