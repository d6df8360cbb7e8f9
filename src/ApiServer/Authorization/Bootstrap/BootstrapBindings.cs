using static Orchestrator.ApiServer.Authorization.Bootstrap.PolicyObjects;

namespace Orchestrator.ApiServer.Authorization.Bootstrap;

/// <summary>
/// The bootstrap ClusterRoleBindings and kube-system RoleBindings (upstream's ClusterRoleBindings and
/// NamespaceRoleBindings), for the identities of docs/security (admin, scheduler, controller manager,
/// kubelets, kube-proxy, node DNS, the API server's kubelet client).
/// </summary>
internal static class BootstrapBindings
{
    /// <param name="nodeAuthorizer">Whether the Node authorizer runs: it gives kubelets their rights, so system:node is bound to no subject (upstream).</param>
    public static IEnumerable<JsonObject> ClusterRoleBindings(bool nodeAuthorizer = false)
    {
        yield return Binding(null, "ClusterRole", "cluster-admin", Group(UserInfo.SystemPrivilegedGroup));
        yield return Binding(null, "ClusterRole", "system:monitoring", Group("system:monitoring"));
        yield return Binding(null, "ClusterRole", "system:discovery", Group(UserInfo.AllAuthenticated));
        yield return Binding(null, "ClusterRole", "system:basic-user", Group(UserInfo.AllAuthenticated));
        yield return Binding(null, "ClusterRole", "system:public-info-viewer", Group(UserInfo.AllAuthenticated), Group(UserInfo.AllUnauthenticated));
        yield return Binding(null, "ClusterRole", "system:service-account-issuer-discovery", Group(UserInfo.ServiceAccountsGroup));

        // Without the Node authorizer every kubelet holds system:node through its group.
        yield return nodeAuthorizer ? Binding(null, "ClusterRole", "system:node") : Binding(null, "ClusterRole", "system:node", Group(UserInfo.NodesGroup));
        yield return Binding(null, "ClusterRole", "system:node-proxier", User("system:kube-proxy"));
        yield return Binding(null, "ClusterRole", "system:kube-controller-manager", User("system:kube-controller-manager"));
        yield return Binding(null, "ClusterRole", "system:kube-dns", User("system:kube-dns"), ServiceAccount("kube-system", "kube-dns"));
        yield return Binding(null, "ClusterRole", "system:kube-scheduler", User("system:kube-scheduler"));
        yield return Binding(null, "ClusterRole", "system:volume-scheduler", User("system:kube-scheduler"));
        yield return Binding(null, "ClusterRole", "system:kubelet-api-admin", User("kube-apiserver-kubelet-client"));
        yield return Binding(null, "ClusterRole", BootstrapSystemRoles.LocalPathProvisioner, User(BootstrapSystemRoles.LocalPathProvisioner));
    }

    public static IEnumerable<JsonObject> RoleBindings()
    {
        yield return Binding("kube-system", "system::extension-apiserver-authentication-reader", "Role", "extension-apiserver-authentication-reader",
            User("system:kube-controller-manager"), User("system:kube-scheduler"));
        yield return Binding("kube-system", "Role", BootstrapSystemRoles.KubeDnsPublisher, User("system:kube-dns"));
    }
}
