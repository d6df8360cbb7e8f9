using static Orchestrator.ApiServer.Authorization.Bootstrap.PolicyObjects;
using PolicyRule = Orchestrator.ApiServer.Authorization.Rbac.PolicyRule;

namespace Orchestrator.ApiServer.Authorization.Bootstrap;

/// <summary>
/// The user-facing ClusterRoles of upstream's bootstrap policy (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go):
/// cluster-admin, the aggregated admin/edit/view and the aggregate-to-* roles that fill them, discovery,
/// basic-user, public-info-viewer, monitoring, service-account-issuer-discovery and auth-delegator.
/// </summary>
internal static class BootstrapClusterRoles
{
    private const string AggregateToAdmin = "rbac.authorization.k8s.io/aggregate-to-admin";
    private const string AggregateToEdit = "rbac.authorization.k8s.io/aggregate-to-edit";
    private const string AggregateToView = "rbac.authorization.k8s.io/aggregate-to-view";

    public static IEnumerable<JsonObject> All()
    {
        yield return ClusterRole("cluster-admin", [PolicyRule.Resource(["*"], ["*"], "*"), PolicyRule.Urls(["*"], "*")]);
        yield return ClusterRole("admin", [], aggregateFrom: AggregateToAdmin);
        yield return ClusterRole("edit", [], Labels(AggregateToAdmin), AggregateToEdit);
        yield return ClusterRole("view", [], Labels(AggregateToEdit), AggregateToView);
        yield return ClusterRole("system:aggregate-to-admin", AdminRules(), Labels(AggregateToAdmin));
        yield return ClusterRole("system:aggregate-to-edit", EditRules(), Labels(AggregateToEdit));
        yield return ClusterRole("system:aggregate-to-view", ViewRules(), Labels(AggregateToView));
        yield return ClusterRole("system:discovery", [PolicyRule.Urls(["get"], "/livez", "/readyz", "/healthz", "/version", "/version/", "/api", "/api/*", "/apis", "/apis/*", "/openapi", "/openapi/*")]);
        yield return ClusterRole("system:public-info-viewer", [PolicyRule.Urls(["get"], "/livez", "/readyz", "/healthz", "/version", "/version/")]);
        yield return ClusterRole("system:monitoring", [PolicyRule.Urls(["get"], "/metrics", "/metrics/slis", "/livez", "/readyz", "/healthz", "/livez/*", "/readyz/*", "/healthz/*")]);
        yield return ClusterRole("system:basic-user",
        [
            Rule("create", "authorization.k8s.io", "selfsubjectaccessreviews", "selfsubjectrulesreviews"),
            Rule("create", "authentication.k8s.io", "selfsubjectreviews"),
        ]);
        yield return ClusterRole("system:service-account-issuer-discovery", [PolicyRule.Urls(["get"], "/.well-known/openid-configuration", "/.well-known/openid-configuration/", "/openid/v1/jwks", "/openid/v1/jwks/")]);
        yield return ClusterRole("system:auth-delegator",
        [
            Rule("create", "authentication.k8s.io", "tokenreviews"),
            Rule("create", "authorization.k8s.io", "subjectaccessreviews"),
        ]);
    }

    private static Dictionary<string, string> Labels(string key) => new() { [key] = "true" };

    private static IEnumerable<PolicyRule> AdminRules() =>
    [
        Rule("create", "authorization.k8s.io", "localsubjectaccessreviews"),
        Rule(ReadWrite, RbacGroup, "roles", "rolebindings"),
    ];

    private static IEnumerable<PolicyRule> EditRules() =>
    [
        Rule("impersonate", "", "serviceaccounts"),
        Rule(Write, "", "pods", "pods/attach", "pods/proxy", "pods/exec", "pods/portforward"),
        Rule("create", "", "pods/eviction"),
        Rule(Write, "", "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/proxy", "persistentvolumeclaims", "configmaps", "secrets", "events"),
        Rule("create", "", "serviceaccounts/token"),
        Rule(Write, "apps", "statefulsets", "statefulsets/scale", "daemonsets", "deployments", "deployments/scale", "deployments/rollback", "replicasets", "replicasets/scale"),
        Rule(Write, "autoscaling", "horizontalpodautoscalers"),
        Rule(Write, "batch", "jobs", "cronjobs"),
        Rule(Write, "extensions", "daemonsets", "deployments", "deployments/scale", "deployments/rollback", "ingresses", "replicasets", "replicasets/scale", "replicationcontrollers/scale", "networkpolicies"),
        Rule(Write, "policy", "poddisruptionbudgets"),
        Rule(Write, "networking.k8s.io", "networkpolicies", "ingresses"),

        // Read access to the escalating resources: view leaves them out.
        Rule(Read, "", "pods/attach", "pods/proxy", "pods/exec", "pods/portforward", "secrets", "services/proxy"),
    ];

    private static IEnumerable<PolicyRule> ViewRules() =>
    [
        Rule(Read, "", "pods", "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/status", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "configmaps"),
        Rule(Read, "", "limitranges", "resourcequotas", "bindings", "events", "pods/status", "resourcequotas/status", "namespaces/status", "replicationcontrollers/status", "pods/log"),

        // Reading namespaces at the namespace scope reads this namespace: which ones a user can see.
        Rule(Read, "", "namespaces"),
        Rule(Read, "discovery.k8s.io", "endpointslices"),
        Rule(Read, "apps", "controllerrevisions", "statefulsets", "statefulsets/status", "statefulsets/scale", "daemonsets", "daemonsets/status", "deployments", "deployments/status", "deployments/scale", "replicasets", "replicasets/status", "replicasets/scale"),
        Rule(Read, "autoscaling", "horizontalpodautoscalers", "horizontalpodautoscalers/status"),
        Rule(Read, "batch", "jobs", "cronjobs", "cronjobs/status", "jobs/status"),
        Rule(Read, "extensions", "daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status", "ingresses", "ingresses/status", "replicasets", "replicasets/scale", "replicasets/status", "replicationcontrollers/scale", "networkpolicies"),
        Rule(Read, "policy", "poddisruptionbudgets", "poddisruptionbudgets/status"),
        Rule(Read, "networking.k8s.io", "networkpolicies", "ingresses", "ingresses/status"),
    ];
}
