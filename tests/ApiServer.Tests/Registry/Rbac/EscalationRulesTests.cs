using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Authentication;
using Orchestrator.ApiServer.Authorization.Rbac;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Registry.Rbac;
using Orchestrator.ApiServer.Tests.Authorization.Rbac;

namespace Orchestrator.ApiServer.Tests.Registry.Rbac;

public sealed class EscalationRulesTests
{
    private static readonly UserInfo Alice = UserInfo.Of("alice", "system:authenticated");

    private static readonly RbacPolicy Policy = RbacPolicyBuilder.Build(
        roles: [],
        clusterRoles:
        [
            RbacPolicyTests.ClusterRole("pod-admin", """[{"verbs":["*"],"apiGroups":[""],"resources":["pods"]},{"verbs":["create","update"],"apiGroups":["rbac.authorization.k8s.io"],"resources":["roles","rolebindings"]}]"""),
            RbacPolicyTests.ClusterRole("secret-reader", """[{"verbs":["get"],"apiGroups":[""],"resources":["secrets"]}]"""),
            RbacPolicyTests.ClusterRole("binder", """[{"verbs":["bind"],"apiGroups":["rbac.authorization.k8s.io"],"resources":["clusterroles"],"resourceNames":["secret-reader"]}]"""),
            RbacPolicyTests.ClusterRole("escalator", """[{"verbs":["escalate"],"apiGroups":["rbac.authorization.k8s.io"],"resources":["roles"]}]"""),
        ],
        roleBindings:
        [
            RbacPolicyTests.Binding("team", "ClusterRole", "pod-admin", """[{"kind":"User","name":"alice"}]"""),
            RbacPolicyTests.Binding("team", "ClusterRole", "binder", """[{"kind":"User","name":"binder"}]"""),
            RbacPolicyTests.Binding("team", "ClusterRole", "escalator", """[{"kind":"User","name":"escalator"}]"""),
        ],
        clusterRoleBindings: []);

    private static readonly RbacAuthorizer Authorizer = new(() => Policy);

    [Fact]
    public void A_role_within_the_users_own_rules_may_be_written()
    {
        EscalationRules.Role(Alice, Authorizer, Policy, "roles", Role("""[{"verbs":["get","delete"],"apiGroups":[""],"resources":["pods"]}]"""));
    }

    [Fact]
    public void A_role_granting_more_than_the_user_holds_is_forbidden_with_the_missing_rules()
    {
        var error = Assert.Throws<ApiException>(() =>
            EscalationRules.Role(Alice, Authorizer, Policy, "roles", Role("""[{"verbs":["get"],"apiGroups":[""],"resources":["pods","secrets"]}]""")));

        Assert.Equal(403, error.Code);
        Assert.Equal(
            "roles.rbac.authorization.k8s.io \"r\" is forbidden: user \"alice\" (groups=[\"system:authenticated\"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[\"\"], Resources:[\"secrets\"], Verbs:[\"get\"]}",
            error.Message);
    }

    [Fact]
    public void The_escalate_verb_on_roles_lets_a_user_write_any_rules()
    {
        EscalationRules.Role(UserInfo.Of("escalator"), Authorizer, Policy, "roles", Role("""[{"verbs":["*"],"apiGroups":["*"],"resources":["*"]}]"""));
    }

    [Fact]
    public void A_binding_needs_the_roles_rules_or_bind_on_that_role()
    {
        var binding = RbacPolicyTests.Binding("team", "ClusterRole", "secret-reader", """[{"kind":"User","name":"mallory"}]""");

        var error = Assert.Throws<ApiException>(() => EscalationRules.Binding(Alice, Authorizer, Policy, "rolebindings", binding));
        EscalationRules.Binding(UserInfo.Of("binder"), Authorizer, Policy, "rolebindings", binding);
        EscalationRules.Binding(Alice, Authorizer, Policy, "rolebindings", RbacPolicyTests.Binding("team", "ClusterRole", "pod-admin", """[{"kind":"User","name":"bob"}]"""));

        Assert.Equal(403, error.Code);
        Assert.StartsWith("rolebindings.rbac.authorization.k8s.io \"secret-reader-binding\" is forbidden: user \"alice\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_binding_to_a_missing_role_is_not_found_for_a_user_who_may_not_bind_it()
    {
        var error = Assert.Throws<ApiException>(() =>
            EscalationRules.Binding(Alice, Authorizer, Policy, "rolebindings", RbacPolicyTests.Binding("team", "ClusterRole", "nope", "[]")));

        Assert.Equal((404, "clusterroles.rbac.authorization.k8s.io \"nope\" not found"), (error.Code, error.Message));
    }

    private static JsonObject Role(string rules) =>
        new() { ["metadata"] = new JsonObject { ["name"] = "r", ["namespace"] = "team" }, ["rules"] = JsonNode.Parse(rules) };
}
