using Orchestrator.Client.Errors;

namespace Orchestrator.Host.Commands;

/// <summary>
/// kubeadm init's RBAC for joining nodes: anonymous may read kube-public/cluster-info; the default node
/// token's group may create CSRs (system:node-bootstrapper) and have them auto-approved
/// (…:nodeclient); nodes may renew their own (…:selfnodeclient). Created when missing, never changed.
/// </summary>
internal static class JoinRbac
{
    private const string RbacGroup = "rbac.authorization.k8s.io";
    private const string ClusterInfoReader = "kubeadm:bootstrap-signer-clusterinfo";

    public static IReadOnlyList<Func<IKubernetes, CancellationToken, Task<bool>>> Objects { get; } =
    [
        (c, ct) => CreateAsync(async () => await c.RbacAuthorizationV1.CreateNamespacedRoleAsync(new V1Role
        {
            Metadata = new V1ObjectMeta { Name = ClusterInfoReader, NamespaceProperty = "kube-public" },
            Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["configmaps"], ResourceNames = ["cluster-info"], Verbs = ["get"] }],
        }, "kube-public", cancellationToken: ct)),
        (c, ct) => CreateAsync(async () => await c.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = ClusterInfoReader, NamespaceProperty = "kube-public" },
            RoleRef = new V1RoleRef { ApiGroup = RbacGroup, Kind = "Role", Name = ClusterInfoReader },
            Subjects = [new Rbacv1Subject { ApiGroup = RbacGroup, Kind = "User", Name = "system:anonymous" }],
        }, "kube-public", cancellationToken: ct)),
        (c, ct) => Binding(c, "kubeadm:kubelet-bootstrap", "system:node-bootstrapper", "system:bootstrappers:kubeadm:default-node-token", ct),
        (c, ct) => Binding(c, "kubeadm:node-autoapprove-bootstrap", "system:certificates.k8s.io:certificatesigningrequests:nodeclient", "system:bootstrappers:kubeadm:default-node-token", ct),
        (c, ct) => Binding(c, "kubeadm:node-autoapprove-certificate-rotation", "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient", "system:nodes", ct),
    ];

    private static Task<bool> Binding(IKubernetes client, string name, string clusterRole, string group, CancellationToken ct) =>
        CreateAsync(async () => await client.RbacAuthorizationV1.CreateClusterRoleBindingAsync(new V1ClusterRoleBinding
        {
            Metadata = new V1ObjectMeta { Name = name },
            RoleRef = new V1RoleRef { ApiGroup = RbacGroup, Kind = "ClusterRole", Name = clusterRole },
            Subjects = [new Rbacv1Subject { ApiGroup = RbacGroup, Kind = "Group", Name = group }],
        }, cancellationToken: ct));

    /// <summary>False when the server does not serve RBAC (404 for the kind), so the caller can say so.</summary>
    private static async Task<bool> CreateAsync(Func<Task> create)
    {
        try
        {
            await create();
        }
        catch (Exception e) when (ApiFailures.IsConflict(e))
        {
            // Already there: kubeadm leaves existing objects as they are.
        }
        catch (Exception e) when (ApiFailures.IsNotFound(e))
        {
            return false;
        }

        return true;
    }
}
