using static Orchestrator.ApiServer.Authorization.Bootstrap.PolicyObjects;

namespace Orchestrator.ApiServer.Authorization.Bootstrap;

/// <summary>
/// Not upstream's: our node agent hosts the service proxy and the node DNS beside the kubelet (upstream runs
/// them as pods with the service accounts kube-proxy and coredns), and a node that joined with `orchestrator
/// join` holds only its node credentials (system:node:NAME in system:nodes). So the group system:nodes gets
/// what those companions need: system:node-proxier and system:kube-dns (reads of Services, EndpointSlices and
/// nodes), and in kube-system the role that publishes a node's own kube-dns EndpointSlice. The kube-dns
/// Service itself is the control plane's; no node may create or change it.
/// </summary>
internal static class NodeCompanionPolicy
{
    public static IEnumerable<JsonObject> ClusterRoleBindings()
    {
        yield return Binding(null, "system:orchestrator:node-proxier:nodes", "ClusterRole", "system:node-proxier", Group(UserInfo.NodesGroup));
        yield return Binding(null, "system:orchestrator:kube-dns:nodes", "ClusterRole", "system:kube-dns", Group(UserInfo.NodesGroup));
    }

    public static IEnumerable<JsonObject> RoleBindings()
    {
        yield return Binding("kube-system", BootstrapSystemRoles.KubeDnsPublisher + ":nodes", "Role", BootstrapSystemRoles.KubeDnsPublisher, Group(UserInfo.NodesGroup));
    }
}
