using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Orchestrator.ApiServer.Tests.Authorization;

/// <summary>
/// RBAC as real users see it: client certificates of other users than the administrator, anonymous
/// requests, impersonation. They need the authentication middleware (the authentication branch):
/// until it is merged every request is the unsecured administrator, so they are skipped.
/// </summary>
public sealed class RbacIdentityTests(RbacServerFixture fixture) : IClassFixture<RbacServerFixture>
{
    [Fact]
    public async Task A_service_account_bound_to_the_view_rules_lists_pods_but_cannot_create_pods_or_read_secrets()
    {
        var ns = await NamespaceAsync("sa-view");
        await BindAsync(ns, "system:aggregate-to-view", new Rbacv1Subject { Kind = "ServiceAccount", Name = "reader", NamespaceProperty = ns });
        using var reader = fixture.Pki.Client(fixture.Server.Address, $"system:serviceaccount:{ns}:reader", "system:serviceaccounts", $"system:serviceaccounts:{ns}", "system:authenticated");

        await Eventually.TrueAsync(async () => (await Status(() => reader.CoreV1.ListNamespacedPodAsync(ns))) == 200, "the binding reaches the authorizer");
        var create = await Status(() => reader.CoreV1.CreateNamespacedPodAsync(new V1Pod { Metadata = new V1ObjectMeta { Name = "p" }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "i" }] } }, ns));
        var secret = await Assert.ThrowsAsync<HttpOperationException>(() => reader.CoreV1.ReadNamespacedSecretAsync("token", ns));

        Assert.Equal(403, create);
        Assert.Equal(HttpStatusCode.Forbidden, secret.Response.StatusCode);
        Assert.Equal(
            $"secrets \"token\" is forbidden: User \"system:serviceaccount:{ns}:reader\" cannot get resource \"secrets\" in API group \"\" in the namespace \"{ns}\"",
            System.Text.Json.Nodes.JsonNode.Parse(secret.Response.Content)!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Anonymous_requests_read_version_and_are_refused_secrets()
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler) { BaseAddress = fixture.Server.Address };

        var version = await http.GetAsync(new Uri("/version", UriKind.Relative));
        var secrets = await http.GetAsync(new Uri("/api/v1/namespaces/default/secrets", UriKind.Relative));
        var body = System.Text.Json.Nodes.JsonNode.Parse(await secrets.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, version.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, secrets.StatusCode);
        Assert.Equal("secrets is forbidden: User \"system:anonymous\" cannot list resource \"secrets\" in API group \"\" in the namespace \"default\"", body["message"]!.GetValue<string>());
        Assert.Equal("secrets", body["details"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_user_may_grant_what_it_holds_and_is_refused_anything_more()
    {
        var ns = await NamespaceAsync("escalate");
        var admin = fixture.Server.Client;
        await admin.RbacAuthorizationV1.CreateNamespacedRoleAsync(new V1Role
        {
            Metadata = new V1ObjectMeta { Name = "pod-admin" },
            Rules =
            [
                new V1PolicyRule { Verbs = ["get", "list", "create"], ApiGroups = [""], Resources = ["pods"] },
                new V1PolicyRule { Verbs = ["create", "update"], ApiGroups = ["rbac.authorization.k8s.io"], Resources = ["roles", "rolebindings"] },
            ],
        }, ns);
        await BindAsync(ns, "pod-admin", new Rbacv1Subject { Kind = "User", Name = "alice", ApiGroup = "rbac.authorization.k8s.io" }, kind: "Role");
        using var alice = fixture.Pki.Client(fixture.Server.Address, "alice", "system:authenticated");
        var within = new V1Role { Metadata = new V1ObjectMeta { Name = "pod-reader" }, Rules = [new V1PolicyRule { Verbs = ["get"], ApiGroups = [""], Resources = ["pods"] }] };
        var beyond = new V1Role { Metadata = new V1ObjectMeta { Name = "secret-reader" }, Rules = [new V1PolicyRule { Verbs = ["get"], ApiGroups = [""], Resources = ["secrets"] }] };

        await Eventually.TrueAsync(async () => (await Status(() => alice.RbacAuthorizationV1.CreateNamespacedRoleAsync(within, ns))) == 200, "alice may create a role within her rules");
        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => alice.RbacAuthorizationV1.CreateNamespacedRoleAsync(beyond, ns));
        var message = System.Text.Json.Nodes.JsonNode.Parse(refused.Response.Content)!["message"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.Forbidden, refused.Response.StatusCode);
        Assert.Equal("roles.rbac.authorization.k8s.io \"secret-reader\" is forbidden: user \"alice\" (groups=[\"system:authenticated\"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[\"\"], Resources:[\"secrets\"], Verbs:[\"get\"]}", message);
    }

    [Fact]
    public async Task A_role_beyond_the_users_rules_cannot_even_be_relabelled_but_its_finalizers_may_change()
    {
        var ns = await NamespaceAsync("relabel");
        var admin = fixture.Server.Client;
        await admin.RbacAuthorizationV1.CreateNamespacedRoleAsync(new V1Role
        {
            Metadata = new V1ObjectMeta { Name = "role-editor" },
            Rules = [new V1PolicyRule { Verbs = ["get", "update"], ApiGroups = ["rbac.authorization.k8s.io"], Resources = ["roles"] }],
        }, ns);
        await admin.RbacAuthorizationV1.CreateNamespacedRoleAsync(new V1Role
        {
            Metadata = new V1ObjectMeta { Name = "secret-reader" },
            Rules = [new V1PolicyRule { Verbs = ["get"], ApiGroups = [""], Resources = ["secrets"] }],
        }, ns);
        await BindAsync(ns, "role-editor", new Rbacv1Subject { Kind = "User", Name = "bob", ApiGroup = "rbac.authorization.k8s.io" }, kind: "Role");
        using var bob = fixture.Pki.Client(fixture.Server.Address, "bob", "system:authenticated");
        V1Role role = null!;
        await Eventually.TrueAsync(async () => (await Status(async () => role = await bob.RbacAuthorizationV1.ReadNamespacedRoleAsync("secret-reader", ns))) == 200, "bob may read roles");

        role.Metadata.Labels = new Dictionary<string, string> { ["team"] = "bob" };
        var relabel = await Assert.ThrowsAsync<HttpOperationException>(() => bob.RbacAuthorizationV1.ReplaceNamespacedRoleAsync(role, "secret-reader", ns));
        role.Metadata.Labels = null;
        role.Metadata.Finalizers = ["example.com/keep"];
        var finalized = await bob.RbacAuthorizationV1.ReplaceNamespacedRoleAsync(role, "secret-reader", ns);

        Assert.Equal(HttpStatusCode.Forbidden, relabel.Response.StatusCode);
        Assert.Contains("is attempting to grant RBAC permissions not currently held", relabel.Response.Content, StringComparison.Ordinal);
        Assert.Equal(["example.com/keep"], finalized.Metadata.Finalizers);
        finalized.Metadata.Finalizers = null;
        await admin.RbacAuthorizationV1.ReplaceNamespacedRoleAsync(finalized, "secret-reader", ns);
    }

    [Fact]
    public async Task Kubectl_auth_can_i_answers_for_another_user_with_as_and_for_an_unprivileged_user()
    {
        using var bob = fixture.KubectlAs("bob", "system:authenticated");

        var asOther = await fixture.Admin.RunAsync("auth", "can-i", "list", "pods", "--as", "someone");
        var own = await bob.RunAsync("auth", "can-i", "create", "deployments.apps", "-n", "default");
        var review = await bob.RunAsync("auth", "can-i", "create", "selfsubjectaccessreviews.authorization.k8s.io");

        Assert.Equal("no\n", asOther.Stdout);
        Assert.Equal("no\n", own.Stdout);
        Assert.Equal("yes\n", review.Stdout);
    }

    private async Task<string> NamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..20];
        await fixture.Server.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    private Task BindAsync(string ns, string role, Rbacv1Subject subject, string kind = "ClusterRole") =>
        fixture.Server.Client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = $"{role}-{subject.Name}".Replace(':', '-') },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = kind, Name = role },
            Subjects = [subject],
        }, ns);

    private static async Task<int> Status(Func<Task> call)
    {
        try
        {
            await call();
            return 200;
        }
        catch (HttpOperationException e)
        {
            return (int)e.Response.StatusCode;
        }
    }
}
