namespace Orchestrator.ApiServer.Authorization.Node;

/// <summary>
/// Upstream's Node authorizer (plugin/pkg/auth/authorizer/node/node_authorizer.go) for kubelets
/// (<see cref="NodeIdentity"/>); anyone else gets no opinion. Secrets and configMaps may be read
/// (get, or list/watch narrowed to one name by a metadata.name field selector), persistent volume
/// claims and volumes got, and tokens created for service accounts, only when the <see cref="NodeGraph"/>
/// relates the object to the node; a node reads only its own Node, and its own Lease in kube-node-lease.
/// Creates and updates of nodes, leases and csinodes are allowed here and narrowed to the node's own
/// objects by the NodeRestriction admission plugin; pods are read only when bound to the node (lists and watches
/// with a spec.nodeName field selector). Everything else is decided by the static node
/// rules (upstream's NodeRules, our bootstrap <c>system:node</c> role). Thread-safe.
/// </summary>
internal sealed class NodeAuthorizer(NodeGraph graph, IReadOnlyList<PolicyRule> nodeRules) : IAuthorizer
{
    public const string NodeLeaseNamespace = "kube-node-lease";

    private static readonly (AuthorizationDecision, string) Allowed = (AuthorizationDecision.Allow, "");

    public (AuthorizationDecision Decision, string Reason) Authorize(AuthorizationAttributes attributes)
    {
        var (isNode, nodeName) = NodeIdentity.Of(attributes.User);
        if (!isNode)
        {
            return (AuthorizationDecision.NoOpinion, "");
        }

        if (nodeName.Length == 0)
        {
            return Deny($"unknown node for user {ApiMachinery.Text.GoText.Quote(attributes.User.Name)}");
        }

        if (attributes.IsResourceRequest)
        {
            switch ((attributes.ApiGroup, attributes.Resource))
            {
                case ("", "secrets"):
                    return ReadNamespacedObject(nodeName, VertexKind.Secret, attributes);
                case ("", "configmaps"):
                    return ReadNamespacedObject(nodeName, VertexKind.ConfigMap, attributes);
                case ("", "persistentvolumeclaims"):
                    return attributes.Subresource == "status"
                        ? StatusUpdate(nodeName, VertexKind.PersistentVolumeClaim, attributes)
                        : Get(nodeName, VertexKind.PersistentVolumeClaim, attributes);
                case ("", "persistentvolumes"):
                    return Get(nodeName, VertexKind.PersistentVolume, attributes);
                case ("", "serviceaccounts"):
                    return CreateToken(nodeName, attributes);
                case ("coordination.k8s.io", "leases"):
                    return Lease(nodeName, attributes);
                case ("storage.k8s.io", "csinodes"):
                    return CsiNode(nodeName, attributes);
                case ("", "nodes"):
                    return Node(nodeName, attributes);
                case ("", "pods"):
                    return Pod(nodeName, attributes);
            }
        }

        for (var i = 0; i < nodeRules.Count; i++)
        {
            if (nodeRules[i].Allows(attributes))
            {
                return Allowed;
            }
        }

        return (AuthorizationDecision.NoOpinion, "");
    }

    private static (AuthorizationDecision, string) Deny(string reason) => (AuthorizationDecision.NoOpinion, reason);

    /// <summary>
    /// Upstream's authorizePod (AuthorizeNodeWithSelectors, on by default since 1.32): a pod bound to the node by
    /// name; lists and watches only with <c>spec.nodeName=&lt;node&gt;</c>; creates and deletes (mirror pods),
    /// status writes and evictions are narrowed by NodeRestriction; nothing else.
    /// </summary>
    private (AuthorizationDecision, string) Pod(string nodeName, AuthorizationAttributes attributes)
    {
        switch (attributes.Subresource, attributes.Verb)
        {
            case ("", "get"):
                return Related(nodeName, VertexKind.Pod, attributes);
            case ("", "list" or "watch"):
                if (attributes.FieldEquals("spec.nodeName") == nodeName)
                {
                    return Allowed;
                }

                return attributes.Name.Length > 0 ? Related(nodeName, VertexKind.Pod, attributes) : Deny("can only list/watch pods with spec.nodeName field selector");
            case ("", "create" or "delete"):
            case ("status", "update" or "patch"):
            case ("eviction", "create"):
                return Allowed;
            default:
                return (AuthorizationDecision.NoOpinion, "");
        }
    }

    private (AuthorizationDecision, string) ReadNamespacedObject(string nodeName, VertexKind kind, AuthorizationAttributes attributes)
    {
        if (attributes.Verb is not ("get" or "list" or "watch"))
        {
            return Deny("can only read resources of this type");
        }

        if (attributes.Subresource.Length > 0)
        {
            return Deny("cannot read subresource");
        }

        return attributes.Namespace.Length == 0 ? Deny("can only read namespaced object of this type") : Related(nodeName, kind, attributes);
    }

    private (AuthorizationDecision, string) Get(string nodeName, VertexKind kind, AuthorizationAttributes attributes)
    {
        if (attributes.Verb != "get")
        {
            return Deny("can only get individual resources of this type");
        }

        return attributes.Subresource.Length > 0 ? Deny("cannot get subresource") : Related(nodeName, kind, attributes);
    }

    private (AuthorizationDecision, string) StatusUpdate(string nodeName, VertexKind kind, AuthorizationAttributes attributes) =>
        attributes.Verb is "update" or "patch" ? Related(nodeName, kind, attributes) : Deny("can only get/update/patch this type");

    private (AuthorizationDecision, string) CreateToken(string nodeName, AuthorizationAttributes attributes)
    {
        if (attributes.Verb != "create" || attributes.Name.Length == 0)
        {
            return Deny("can only create tokens for individual service accounts");
        }

        return attributes.Subresource != "token" ? Deny("can only create token subresource of serviceaccount") : Related(nodeName, VertexKind.ServiceAccount, attributes);
    }

    private (AuthorizationDecision, string) Related(string nodeName, VertexKind kind, AuthorizationAttributes attributes)
    {
        if (attributes.Name.Length == 0)
        {
            return Deny("No Object name found");
        }

        return graph.HasPathFrom(nodeName, kind, attributes.Namespace, attributes.Name)
            ? Allowed
            : Deny($"no relationship found between node '{nodeName}' and this object");
    }

    private static (AuthorizationDecision, string) Lease(string nodeName, AuthorizationAttributes attributes)
    {
        if (attributes.Verb is not ("get" or "create" or "update" or "patch" or "delete"))
        {
            return Deny("can only get, create, update, patch, or delete a node lease");
        }

        if (attributes.Namespace != NodeLeaseNamespace)
        {
            return Deny($"can only access leases in the \"{NodeLeaseNamespace}\" system namespace");
        }

        // A create names no object here: NodeRestriction checks the Lease's own name.
        return attributes.Verb != "create" && attributes.Name != nodeName
            ? Deny("can only access node lease with the same name as the requesting node")
            : Allowed;
    }

    private static (AuthorizationDecision, string) CsiNode(string nodeName, AuthorizationAttributes attributes)
    {
        if (attributes.Verb is not ("get" or "create" or "update" or "patch" or "delete"))
        {
            return Deny("can only get, create, update, patch, or delete a CSINode");
        }

        if (attributes.Subresource.Length > 0)
        {
            return Deny("cannot authorize CSINode subresources");
        }

        return attributes.Verb != "create" && attributes.Name != nodeName
            ? Deny("can only access CSINode with the same name as the requesting node")
            : Allowed;
    }

    /// <summary>Upstream's authorizeNode: writes go to NodeRestriction; reads only of the node's own object, by name.</summary>
    private static (AuthorizationDecision, string) Node(string nodeName, AuthorizationAttributes attributes)
    {
        switch (attributes.Subresource, attributes.Verb)
        {
            case ("", "create" or "update" or "patch"):
            case ("status", "update" or "patch"):
                return Allowed;
            case ("", "get" or "list" or "watch"):
                return attributes.Name == nodeName ? Allowed
                    : attributes.Name.Length == 0 ? Deny($"node '{nodeName}' cannot read all nodes, only its own Node object")
                    : Deny($"node '{nodeName}' cannot read '{attributes.Name}', only its own Node object");
            default:
                return (AuthorizationDecision.NoOpinion, "");
        }
    }
}
