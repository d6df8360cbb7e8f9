using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Authentication;
using Orchestrator.ApiServer.Authorization;
using Orchestrator.ApiServer.Authorization.Rbac;

namespace Orchestrator.ApiServer.Tests.Authorization.Rbac;

public sealed class RbacPolicyTests
{
    private static readonly RbacPolicy Policy = RbacPolicyBuilder.Build(
        roles: [Role("team-a", "pod-reader", """[{"verbs":["get","list"],"apiGroups":[""],"resources":["pods"]}]""")],
        clusterRoles:
        [
            ClusterRole("secret-reader", """[{"verbs":["get"],"apiGroups":[""],"resources":["secrets"]}]"""),
            ClusterRole("healthz", """[{"verbs":["get"],"nonResourceURLs":["/healthz","/healthz/*"]}]"""),
            ClusterRole("node-reader", """[{"verbs":["list"],"apiGroups":[""],"resources":["nodes"]}]"""),
        ],
        roleBindings:
        [
            Binding("team-a", "Role", "pod-reader", """[{"kind":"User","name":"alice"}]"""),
            Binding("team-a", "ClusterRole", "secret-reader", """[{"kind":"ServiceAccount","name":"builder"}]"""),
            Binding("team-b", "ClusterRole", "secret-reader", """[{"kind":"ServiceAccount","name":"builder","namespace":"team-a"}]"""),
            Binding("team-a", "Role", "missing-role", """[{"kind":"User","name":"carol"}]"""),
        ],
        clusterRoleBindings:
        [
            Binding(null, "ClusterRole", "healthz", """[{"kind":"Group","name":"system:unauthenticated"}]"""),
            Binding(null, "ClusterRole", "node-reader", """[{"kind":"Group","name":"ops"}]"""),
            Binding(null, "ClusterRole", "gone", """[{"kind":"User","name":"dave"}]"""),
        ]);

    public static TheoryData<string, string[], string, string, string, bool> Decisions => new()
    {
        // user, groups, verb, resource, namespace, allowed
        { "alice", [], "list", "pods", "team-a", true },
        { "alice", [], "list", "pods", "team-b", false },
        { "alice", [], "list", "pods", "", false },
        { "alice", [], "delete", "pods", "team-a", false },
        { "bob", [], "list", "pods", "team-a", false },
        { "system:serviceaccount:team-a:builder", [], "get", "secrets", "team-a", true },
        { "system:serviceaccount:team-a:builder", [], "get", "secrets", "team-b", true },
        { "system:serviceaccount:team-b:builder", [], "get", "secrets", "team-a", false },
        { "system:serviceaccount:team-a:builder", [], "get", "secrets", "team-c", false },
        { "erin", ["ops"], "list", "nodes", "", true },
        { "erin", ["ops"], "list", "nodes", "team-a", true },
        { "erin", ["dev"], "list", "nodes", "", false },
    };

    [Theory]
    [MemberData(nameof(Decisions))]
    public void Bindings_grant_their_roles_rules_to_users_groups_and_service_accounts_in_their_scope(string user, string[] groups, string verb, string resource, string ns, bool allowed)
    {
        var attributes = new AuthorizationAttributes
        {
            User = UserInfo.Of(user, groups),
            Verb = verb,
            IsResourceRequest = true,
            Resource = resource,
            Namespace = ns,
        };

        Assert.Equal(allowed, Policy.Authorize(attributes).Allowed);
    }

    [Fact]
    public void Anonymous_users_get_the_non_resource_paths_bound_to_system_unauthenticated()
    {
        Assert.True(Policy.Authorize(Path(UserInfo.AnonymousUser, "/healthz/ping")).Allowed);
        Assert.False(Policy.Authorize(Path(UserInfo.AnonymousUser, "/metrics")).Allowed);
        Assert.False(Policy.Authorize(Path(UserInfo.Of("alice", UserInfo.AllAuthenticated), "/healthz")).Allowed);
    }

    [Fact]
    public void A_binding_to_a_missing_role_is_the_denials_reason_as_upstream_words_it()
    {
        var (allowed, reason) = Policy.Authorize(new AuthorizationAttributes { User = UserInfo.Of("dave"), Verb = "get", IsResourceRequest = true, Resource = "pods", Namespace = "team-a" });
        var (_, roleReason) = Policy.Authorize(new AuthorizationAttributes { User = UserInfo.Of("carol"), Verb = "get", IsResourceRequest = true, Resource = "pods", Namespace = "team-a" });
        var (_, none) = Policy.Authorize(new AuthorizationAttributes { User = UserInfo.Of("nobody"), Verb = "get", IsResourceRequest = true, Resource = "pods", Namespace = "team-a" });

        Assert.False(allowed);
        Assert.Equal("RBAC: clusterrole.rbac.authorization.k8s.io \"gone\" not found", reason);
        Assert.Equal("RBAC: role.rbac.authorization.k8s.io \"missing-role\" not found", roleReason);
        Assert.Equal("", none);
    }

    [Fact]
    public void RulesFor_lists_the_cluster_rules_then_the_namespaces_and_the_resolution_errors()
    {
        var (rules, errors) = Policy.RulesFor(UserInfo.Of("alice", "ops"), "team-a");

        Assert.Equal([["nodes"], ["pods"]], rules.Select(r => r.Resources));
        Assert.Empty(errors);
        Assert.Equal(["role.rbac.authorization.k8s.io \"missing-role\" not found"], Policy.RulesFor(UserInfo.Of("carol"), "team-a").Errors);
    }

    [Fact]
    public void The_privileged_group_is_allowed_everything_without_any_binding()
    {
        var authorizer = new RbacAuthorizer(() => RbacPolicy.Empty);

        Assert.Equal(AuthorizationDecision.Allow, authorizer.Authorize(Path(UserInfo.Of("root", UserInfo.SystemPrivilegedGroup), "/anything")).Decision);
        Assert.Equal(AuthorizationDecision.NoOpinion, authorizer.Authorize(Path(UserInfo.Of("root"), "/anything")).Decision);
    }

    internal static JsonObject Role(string ns, string name, string rules) =>
        new() { ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns }, ["rules"] = JsonNode.Parse(rules) };

    internal static JsonObject ClusterRole(string name, string rules) =>
        new() { ["metadata"] = new JsonObject { ["name"] = name }, ["rules"] = JsonNode.Parse(rules) };

    internal static JsonObject Binding(string? ns, string kind, string role, string subjects)
    {
        var metadata = new JsonObject { ["name"] = $"{role}-binding" };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        return new JsonObject
        {
            ["metadata"] = metadata,
            ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = kind, ["name"] = role },
            ["subjects"] = JsonNode.Parse(subjects),
        };
    }

    private static AuthorizationAttributes Path(UserInfo user, string path) => new() { User = user, Verb = "get", Path = path };
}
