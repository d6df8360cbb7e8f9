namespace Orchestrator.ApiServer.Admission.NodeRestriction;

/// <summary>Claims (status only, and only its capacity and conditions) and token requests (bound to a pod of the node).</summary>
internal sealed partial class NodeRestriction
{
    /// <summary>The status fields a kubelet reports for a claim it expands; nothing else may change.</summary>
    private static readonly string[] ClaimStatusFields = ["capacity", "conditions", "allocatedResources", "allocatedResourceStatuses"];

    private static void AdmitClaim(string nodeName, AdmissionAttributes attributes)
    {
        if (attributes.Subresource != "status")
        {
            throw Forbidden(attributes, "may only update PVC status");
        }

        if (attributes.Operation != AdmissionOperation.Update || attributes.OldObject is not { } old)
        {
            throw Forbidden(attributes, $"unexpected operation {Quote(OperationName(attributes.Operation))}");
        }

        var before = Comparable(old);
        var after = Comparable(attributes.Object);
        if (!JsonNode.DeepEquals(before, after))
        {
            var changed = Differences(before, after, "").Order(StringComparer.Ordinal);
            throw Forbidden(attributes, $"node {Quote(nodeName)} is not allowed to update fields other than status.capacity and status.conditions: {string.Join(", ", changed)}");
        }
    }

    /// <summary>The paths of the fields that differ (upstream prints a diff of the two claims).</summary>
    private static IEnumerable<string> Differences(JsonNode? before, JsonNode? after, string path)
    {
        if (before is not JsonObject old || after is not JsonObject updated)
        {
            return [path];
        }

        return old.Select(p => p.Key).Union(updated.Select(p => p.Key))
            .Where(key => !JsonNode.DeepEquals(old[key], updated[key]))
            .SelectMany(key => Differences(old[key], updated[key], path.Length == 0 ? key : $"{path}.{key}"));
    }

    /// <summary>The claim without what may change (and what every update changes: resourceVersion, managedFields).</summary>
    private static JsonObject Comparable(JsonObject claim)
    {
        var copy = claim.DeepClone().AsObject();
        if (copy["metadata"] is JsonObject metadata)
        {
            metadata.Remove("resourceVersion");
            metadata.Remove("managedFields");
        }

        if (copy["status"] is JsonObject status)
        {
            foreach (var field in ClaimStatusFields)
            {
                status.Remove(field);
            }
        }

        return copy;
    }

    /// <summary>A node's TokenRequest must be bound to a pod, by uid, that runs on the node (the token cannot name another node then).</summary>
    private void AdmitServiceAccount(string nodeName, AdmissionAttributes attributes)
    {
        if (attributes.Operation != AdmissionOperation.Create || attributes.Subresource != "token")
        {
            return;
        }

        var reference = attributes.Object["spec"]?["boundObjectRef"] as JsonObject;
        var podName = JsonFields.Text(reference?["name"]) ?? "";
        if (reference is null || JsonFields.Text(reference["apiVersion"]) != "v1" || JsonFields.Text(reference["kind"]) != "Pod" || podName.Length == 0)
        {
            throw Forbidden(attributes, "node requested token not bound to a pod");
        }

        var uid = JsonFields.Text(reference["uid"]) ?? "";
        if (uid.Length == 0)
        {
            throw Forbidden(attributes, "node requested token with a pod binding without a uid");
        }

        var pod = objects.Find(_pods, attributes.Namespace, podName) ?? throw Errors.ApiErrors.NotFound(_pods, podName);
        if (uid != (JsonFields.Text(pod["metadata"]?["uid"]) ?? ""))
        {
            throw Forbidden(attributes, $"the UID in the bound object reference ({uid}) does not match the UID in record. The object might have been deleted and then recreated");
        }

        if (NodeOf(pod) != nodeName)
        {
            throw Forbidden(attributes, "node requested token bound to a pod scheduled on a different node");
        }
    }
}
