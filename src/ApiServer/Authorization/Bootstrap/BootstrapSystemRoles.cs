using static Orchestrator.ApiServer.Authorization.Bootstrap.PolicyObjects;
using PolicyRule = Orchestrator.ApiServer.Authorization.Rbac.PolicyRule;

namespace Orchestrator.ApiServer.Authorization.Bootstrap;

/// <summary>
/// The ClusterRoles of the cluster's own components (upstream's bootstrap policy, trimmed to what
/// this cluster runs): node, node-proxier, kube-scheduler, volume-scheduler, kube-dns,
/// kube-controller-manager, node-bootstrapper, kubelet-api-admin and the certificate-request roles
/// joining nodes use.
/// </summary>
internal static class BootstrapSystemRoles
{
    public const string NodeClient = "system:certificates.k8s.io:certificatesigningrequests:nodeclient";
    public const string SelfNodeClient = "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient";
    public const string KubeDnsPublisher = "system:orchestrator:kube-dns-publisher";
    public const string LocalPathProvisioner = "system:orchestrator:local-path-provisioner";

    private static readonly PolicyRule Events = PolicyRule.Resource(["create", "update", "patch"], ["", "events.k8s.io"], "events");

    public static IEnumerable<JsonObject> All()
    {
        yield return ClusterRole("system:node", NodeRules());
        yield return ClusterRole("system:node-proxier",
        [
            Rule(["list", "watch"], "", "services", "endpoints"),
            Rule(Read, "", "nodes"),
            Rule(["list", "watch"], "discovery.k8s.io", "endpointslices"),
            Events,
        ]);
        yield return ClusterRole("system:kube-scheduler", SchedulerRules());
        yield return ClusterRole("system:volume-scheduler",
        [
            Rule(["get", "list", "patch", "update", "watch"], "", "persistentvolumes"),
            Rule(Read, "storage.k8s.io", "storageclasses"),
            Rule(["get", "list", "patch", "update", "watch"], "", "persistentvolumeclaims"),
        ]);

        // Our node DNS (src/Dns) also publishes its node's kube-dns EndpointSlice in kube-system (KubeDnsPublisher).
        yield return ClusterRole("system:kube-dns",
        [
            Rule(["list", "watch"], "", "endpoints", "services", "namespaces"),
            Rule(["list", "watch"], "discovery.k8s.io", "endpointslices"),
        ]);
        yield return ClusterRole("system:kube-controller-manager", ControllerManagerRules());

        // Not upstream's: each real node's local-path provisioner (src/Kubelet/Storage/LocalPath), rancher's rules trimmed to what it does.
        yield return ClusterRole(LocalPathProvisioner,
        [
            Rule(["create", "delete", "get", "list", "watch"], "", "persistentvolumes"),
            Rule(["get", "list", "watch", "update"], "", "persistentvolumeclaims"),
            Rule(Read, "storage.k8s.io", "storageclasses"),
            PolicyRule.Resource(["create", "patch"], ["", "events.k8s.io"], "events"),
        ]);
        yield return ClusterRole("system:node-bootstrapper", [Rule(["create", "get", "list", "watch"], "certificates.k8s.io", "certificatesigningrequests")]);
        yield return ClusterRole("system:kubelet-api-admin",
        [
            Rule(Read, "", "nodes"),
            Rule("proxy", "", "nodes"),
            Rule(["*"], "", "nodes/proxy", "nodes/log", "nodes/stats", "nodes/metrics", "nodes/spec", "nodes/checkpoint", "nodes/configz", "nodes/healthz", "nodes/pods"),
        ]);
        yield return ClusterRole(NodeClient, [Rule("create", "certificates.k8s.io", "certificatesigningrequests/nodeclient")]);
        yield return ClusterRole(SelfNodeClient, [Rule("create", "certificates.k8s.io", "certificatesigningrequests/selfnodeclient")]);
        yield return ClusterRole("system:certificates.k8s.io:kube-apiserver-client-kubelet-approver",
            [Rule("approve", "certificates.k8s.io", "signers").Named("kubernetes.io/kube-apiserver-client-kubelet")]);
    }

    /// <summary>
    /// The kube-system Roles: the authentication config reader extension API servers use, and what our
    /// node DNS publishes there (each node's kube-dns EndpointSlice; not upstream's). The kube-dns Service is
    /// the control plane's, so no node DNS identity may write Services.
    /// </summary>
    public static IEnumerable<JsonObject> NamespacedRoles()
    {
        yield return Role("kube-system", "extension-apiserver-authentication-reader",
            [Rule(Read, "", "configmaps").Named("extension-apiserver-authentication")]);
        yield return Role("kube-system", KubeDnsPublisher,
            [Rule(["get", "create", "update", "patch", "delete"], "discovery.k8s.io", "endpointslices")]);
    }

    /// <summary>What every kubelet may do (upstream's NodeRules): the role system:node, and the Node authorizer's static rules.</summary>
    internal static IEnumerable<PolicyRule> NodeRules() =>
    [
        Rule("create", "authentication.k8s.io", "tokenreviews"),
        Rule("create", "authorization.k8s.io", "subjectaccessreviews", "localsubjectaccessreviews"),
        Rule(Read, "", "services"),
        Rule(["create", "get", "list", "watch"], "", "nodes"),
        Rule(["update", "patch"], "", "nodes/status"),
        Rule(["update", "patch"], "", "nodes"),
        Events,
        Rule(Read, "", "pods"),
        Rule(["create", "delete"], "", "pods"),
        Rule(["update", "patch"], "", "pods/status"),
        Rule("create", "", "pods/eviction"),
        // Upstream's rule: the kubelet's secret and configMap managers list and watch (the Node authorizer, not
        // this role, narrows them to the objects of the node's own pods).
        Rule(Read, "", "secrets", "configmaps"),
        Rule("get", "", "persistentvolumeclaims", "persistentvolumes"),
        Rule(["update", "patch"], "", "persistentvolumeclaims/status"),
        Rule("create", "", "serviceaccounts/token"),
        Rule(["create", "get", "list", "watch"], "certificates.k8s.io", "certificatesigningrequests"),
        Rule(["get", "create", "update", "patch", "delete"], "coordination.k8s.io", "leases"),
        Rule(Read, "node.k8s.io", "runtimeclasses"),
        Rule("get", "storage.k8s.io", "volumeattachments"),
        Rule(Read, "storage.k8s.io", "csidrivers", "csinodes"),
    ];

    private static IEnumerable<PolicyRule> SchedulerRules() =>
    [
        Events,
        Rule("create", "coordination.k8s.io", "leases"),
        Rule(["get", "update"], "coordination.k8s.io", "leases").Named("kube-scheduler"),
        Rule(["delete", "get", "list", "watch"], "", "pods"),
        Rule("create", "", "bindings", "pods/binding"),
        Rule(["patch", "update"], "", "pods/status"),
        Rule(Read, "", "nodes", "namespaces"),
        Rule(["list", "watch"], "", "replicationcontrollers", "services", "persistentvolumeclaims", "persistentvolumes"),
        Rule(["list", "watch"], "apps", "replicasets", "statefulsets"),
        Rule(["list", "watch"], "policy", "poddisruptionbudgets"),
        Rule("create", "authentication.k8s.io", "tokenreviews"),
        Rule("create", "authorization.k8s.io", "subjectaccessreviews"),
        Rule(Read, "storage.k8s.io", "csinodes", "csidrivers", "csistoragecapacities", "storageclasses"),
        Rule(Read, "node.k8s.io", "runtimeclasses"),
        Rule(Read, "scheduling.k8s.io", "priorityclasses"),

        // Not upstream's: the ImagePlatform plugin reads a pod's imagePullSecrets to ask a private registry for the image index.
        Rule("get", "", "secrets"),
    ];

    /// <summary>
    /// Our controller manager runs every controller as ONE identity, so it holds the union of upstream's
    /// per-controller roles for the controllers under src/ControllerManager: the garbage collector and the
    /// namespace controller act on every kind (get, list, watch, update, patch, delete, deletecollection on
    /// */*), the workload, endpoint, service-account and node controllers create their objects, leader
    /// election writes its Lease, and the ClusterRole aggregation controller may escalate ClusterRoles.
    /// Not held: impersonate, bind, non-resource URLs beyond discovery.
    /// </summary>
    private static IEnumerable<PolicyRule> ControllerManagerRules() =>
    [
        PolicyRule.Resource(ReadWrite, ["*"], "*"),
        Rule("escalate", RbacGroup, "clusterroles"),
        Rule(["approve", "sign"], "certificates.k8s.io", "signers").Named("kubernetes.io/kube-apiserver-client-kubelet", "kubernetes.io/kube-apiserver-client", "kubernetes.io/kubelet-serving"),
        Rule("create", "authentication.k8s.io", "tokenreviews"),
        Rule("create", "authorization.k8s.io", "subjectaccessreviews"),
    ];
}
