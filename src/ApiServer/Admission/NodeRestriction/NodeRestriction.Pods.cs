using Orchestrator.ApiServer.Authorization.Node;

namespace Orchestrator.ApiServer.Admission.NodeRestriction;

/// <summary>Pods: mirror pods created, status updated, evicted and deleted only when bound to the node.</summary>
internal sealed partial class NodeRestriction
{
    private const string MirrorAnnotation = "kubernetes.io/config.mirror";

    private void AdmitPod(string nodeName, AdmissionAttributes attributes)
    {
        switch (attributes.Subresource)
        {
            case null:
                switch (attributes.Operation)
                {
                    case AdmissionOperation.Create:
                        AdmitMirrorPod(nodeName, attributes);
                        return;
                    case AdmissionOperation.Delete:
                        if (NodeOf(ExistingPod(attributes, attributes.Name)) != nodeName)
                        {
                            throw Forbidden(attributes, $"node {Quote(nodeName)} can only delete pods with spec.nodeName set to itself");
                        }

                        return;
                    default:
                        throw Forbidden(attributes, $"unexpected operation {Quote(OperationName(attributes.Operation))}, node {Quote(nodeName)} can only create and delete mirror pods");
                }

            case "status":
                AdmitPodStatus(nodeName, attributes);
                return;
            case "eviction":
                AdmitEviction(nodeName, attributes);
                return;
            default:
                throw Forbidden(attributes, $"unexpected pod subresource {Quote(attributes.Subresource)}, only 'status' and 'eviction' are allowed");
        }
    }

    private void AdmitMirrorPod(string nodeName, AdmissionAttributes attributes)
    {
        var pod = attributes.Object;
        if (pod["metadata"]?["annotations"] is not JsonObject annotations || !annotations.ContainsKey(MirrorAnnotation))
        {
            throw Forbidden(attributes, $"pod does not have {Quote(MirrorAnnotation)} annotation, node {Quote(nodeName)} can only create mirror pods");
        }

        if (NodeOf(pod) != nodeName)
        {
            throw Forbidden(attributes, $"node {Quote(nodeName)} can only create pods with spec.nodeName set to itself");
        }

        CheckOwner(nodeName, attributes, [.. JsonFields.Items(pod["metadata"] as JsonObject, "ownerReferences").Select(o => o.Item)]);

        // A node must not grant itself access to other objects by naming them in a pod it creates.
        var references = PodReferences.Of(pod);
        var spec = pod["spec"] as JsonObject;
        var volumes = JsonFields.Items(spec, "volumes").Select(v => v.Item).ToList();
        var refused = references.ServiceAccount.Length > 0 ? "a service account"
            : references.Secrets.Count > 0 ? "secrets"
            : references.ConfigMaps.Count > 0 ? "configmaps"
            : volumes.Any(v => JsonFields.Items(v["projected"] as JsonObject, "sources").Any(s => s.Item["clusterTrustBundle"] is not null)) ? "clustertrustbundles"
            : volumes.Any(v => v["persistentVolumeClaim"] is not null) ? "persistentvolumeclaims"
            : null;
        if (refused is not null)
        {
            throw Forbidden(attributes, $"node {Quote(nodeName)} can not create pods that reference {refused}");
        }
    }

    /// <summary>A mirror pod is owned by its node, as its only (controller) owner, with the node's uid.</summary>
    private void CheckOwner(string nodeName, AdmissionAttributes attributes, IReadOnlyList<JsonObject> owners)
    {
        if (owners.Count > 1)
        {
            throw Forbidden(attributes, $"node {Quote(nodeName)} can only create pods with a single owner reference set to itself");
        }

        if (owners.Count == 0 || JsonFields.Text(owners[0]["apiVersion"]) != "v1" || JsonFields.Text(owners[0]["kind"]) != "Node" || JsonFields.Text(owners[0]["name"]) != nodeName)
        {
            throw Forbidden(attributes, $"node {Quote(nodeName)} can only create pods with an owner reference set to itself");
        }

        var owner = owners[0];
        if (!IsTrue(owner["controller"]))
        {
            throw Forbidden(attributes, $"node {Quote(nodeName)} can only create pods with a controller owner reference set to itself");
        }

        if (IsTrue(owner["blockOwnerDeletion"]))
        {
            throw Forbidden(attributes, $"node {Quote(nodeName)} must not set blockOwnerDeletion on an owner reference");
        }

        var node = objects.Find(_nodes, null, nodeName) ?? throw Errors.ApiErrors.NotFound(_nodes, nodeName);
        var expected = JsonFields.Text(owner["uid"]) ?? "";
        var actual = JsonFields.Text(node["metadata"]?["uid"]) ?? "";
        if (expected != actual)
        {
            throw Forbidden(attributes, $"node {nodeName} UID mismatch: expected {expected} got {actual}");
        }
    }

    private static void AdmitPodStatus(string nodeName, AdmissionAttributes attributes)
    {
        if (attributes.Operation != AdmissionOperation.Update || attributes.OldObject is not { } old)
        {
            throw Forbidden(attributes, $"unexpected operation {Quote(OperationName(attributes.Operation))}");
        }

        if (NodeOf(old) != nodeName)
        {
            throw Forbidden(attributes, $"node {Quote(nodeName)} can only update pod status for pods with spec.nodeName set to itself");
        }

        if (NodeLabels.Modified(LabelsOf(attributes.Object), LabelsOf(old)).Count > 0)
        {
            throw Forbidden(attributes, $"node {Quote(nodeName)} cannot update labels through pod status");
        }

        if (!JsonNode.DeepEquals(old["status"]?["resourceClaimStatuses"], attributes.Object["status"]?["resourceClaimStatuses"]))
        {
            throw Forbidden(attributes, $"node {Quote(nodeName)} cannot update resource claim statues");
        }
    }

    private void AdmitEviction(string nodeName, AdmissionAttributes attributes)
    {
        if (attributes.Operation != AdmissionOperation.Create)
        {
            throw Forbidden(attributes, $"unexpected operation {OperationName(attributes.Operation)}");
        }

        // The pod of the URL, else the one the Eviction names.
        var podName = attributes.Name.Length > 0 ? attributes.Name : JsonFields.Text(attributes.Object["metadata"]?["name"]) ?? "";
        if (podName.Length == 0)
        {
            throw Forbidden(attributes, "could not determine pod from request data");
        }

        if (NodeOf(ExistingPod(attributes, podName)) != nodeName)
        {
            throw Forbidden(attributes, $"node {nodeName} can only evict pods with spec.nodeName set to itself");
        }
    }

    /// <summary>The stored pod (the one being deleted, or looked up); 404 when there is none.</summary>
    private JsonObject ExistingPod(AdmissionAttributes attributes, string name) =>
        (attributes.Operation == AdmissionOperation.Delete ? attributes.OldObject : null)
        ?? objects.Find(_pods, attributes.Namespace, name)
        ?? throw Errors.ApiErrors.NotFound(_pods, name);

    private static string NodeOf(JsonObject pod) => JsonFields.Text(pod["spec"]?["nodeName"]) ?? "";

    private static bool IsTrue(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;

    /// <summary>The object's labels; none when absent.</summary>
    private static Dictionary<string, string> LabelsOf(JsonObject obj) => JsonFields.StringMap(obj["metadata"]?["labels"]) ?? [];
}
