using Orchestrator.ApiServer.Authorization.Node;

namespace Orchestrator.ApiServer.Admission.NodeRestriction;

/// <summary>
/// Upstream's NodeRestriction admission (plugin/pkg/admission/noderestriction/admission.go): what a
/// kubelet (<see cref="NodeIdentity"/>) writes is limited to its own node. It may create, update and
/// delete only its own Node (no restricted labels, no change of its taints or config source), create
/// only mirror pods bound to itself that reference nothing else, update the status of, evict and
/// delete only pods bound to it, request tokens only bound to a pod of its own, touch only its own
/// Lease and CSINode, and update only the status of claims. Requests of anyone else pass untouched.
/// The user is the request's (<see cref="RequestUser"/>); the server's own writes have none and pass.
/// Rejections are upstream's 403 Forbidden messages, raised on admit (before the kind's validation).
/// </summary>
internal sealed partial class NodeRestriction(IObjectLookup objects, ResourceRegistry registry, IHttpContextAccessor requests) : IAdmissionPlugin
{
    private readonly ResourceDefinition _pods = registry.Find("", "v1", "pods")!;
    private readonly ResourceDefinition _nodes = registry.Find("", "v1", "nodes")!;

    public string Name => "NodeRestriction";

    public bool Handles(AdmissionOperation operation) => true;

    /// <exception cref="ApiException">403 for a write a node may not make; 404 when an object it must check is gone.</exception>
    public void Admit(AdmissionAttributes attributes)
    {
        if (requests.HttpContext is not { } context || RequestUser.TryGet(context) is not { } user)
        {
            return;
        }

        var (isNode, nodeName) = NodeIdentity.Of(user);
        if (!isNode)
        {
            return;
        }

        if (nodeName.Length == 0)
        {
            throw Forbidden(attributes, $"could not determine node from user {Quote(user.Name)}");
        }

        switch ((attributes.Resource.Group, attributes.Resource.Plural))
        {
            case ("", "pods"):
                AdmitPod(nodeName, attributes);
                break;
            case ("", "nodes"):
                AdmitNode(nodeName, attributes);
                break;
            case ("", "persistentvolumeclaims"):
                AdmitClaim(nodeName, attributes);
                break;
            case ("", "serviceaccounts"):
                AdmitServiceAccount(nodeName, attributes);
                break;
            case ("coordination.k8s.io", "leases"):
                AdmitOwnObject(nodeName, attributes, $"can only access leases in the \"{NodeAuthorizer.NodeLeaseNamespace}\" system namespace", "node lease");
                break;
            case ("storage.k8s.io", "csinodes"):
                AdmitOwnObject(nodeName, attributes, null, "CSINode");
                break;
        }
    }

    private static ApiException Forbidden(AdmissionAttributes attributes, string why) => attributes.Forbidden(why);

    /// <summary>Upstream's names of operations in its messages (admission.Operation).</summary>
    private static string OperationName(AdmissionOperation operation) => operation switch
    {
        AdmissionOperation.Create => "CREATE",
        AdmissionOperation.Update => "UPDATE",
        AdmissionOperation.Delete => "DELETE",
        _ => operation.ToString(),
    };

    private static string Quote(string value) => ApiMachinery.Text.GoText.Quote(value);

    /// <summary>A Lease or CSINode: only the node's own (by the object's name on create, the request's otherwise).</summary>
    private static void AdmitOwnObject(string nodeName, AdmissionAttributes attributes, string? namespaceRule, string what)
    {
        if (namespaceRule is not null && attributes.Namespace != NodeAuthorizer.NodeLeaseNamespace)
        {
            throw Forbidden(attributes, namespaceRule);
        }

        if (attributes.Name != nodeName)
        {
            throw Forbidden(attributes, $"can only access {what} with the same name as the requesting node");
        }
    }
}
