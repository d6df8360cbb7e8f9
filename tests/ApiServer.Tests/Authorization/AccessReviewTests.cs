using k8s;
using k8s.Models;

namespace Orchestrator.ApiServer.Tests.Authorization;

/// <summary>
/// The RBAC authorizer end to end through SubjectAccessReviews an administrator creates: the policy
/// comes from the stored objects through the watch caches, as the authorization of requests does.
/// </summary>
public sealed class AccessReviewTests(RbacServerFixture fixture) : IClassFixture<RbacServerFixture>
{
    [Fact]
    public async Task A_service_account_bound_to_the_view_rules_can_list_pods_and_cannot_create_them_or_read_secrets()
    {
        var ns = "sar-" + Guid.NewGuid().ToString("N")[..8];
        var client = fixture.Server.Client;
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        await client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "reader" },
            // view itself is filled by the aggregation controller (ControllerManager.Tests bind to it); its source role here.
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "system:aggregate-to-view" },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "reader", NamespaceProperty = ns }],
        }, ns);
        string[] groups = ["system:serviceaccounts", $"system:serviceaccounts:{ns}", "system:authenticated"];
        var user = $"system:serviceaccount:{ns}:reader";

        await Eventually.TrueAsync(() => AllowedAsync(user, groups, "list", "pods", ns), "the binding reaches the authorizer");

        Assert.True(await AllowedAsync(user, groups, "watch", "deployments", ns, "apps"));
        Assert.False(await AllowedAsync(user, groups, "create", "pods", ns));
        Assert.False(await AllowedAsync(user, groups, "get", "secrets", ns));
        Assert.False(await AllowedAsync(user, groups, "list", "secrets", ns));
        Assert.False(await AllowedAsync(user, groups, "list", "pods", "default"));
    }

    [Fact]
    public async Task Anonymous_may_read_version_and_health_but_not_list_secrets()
    {
        string[] groups = ["system:unauthenticated"];

        Assert.True(await AllowedPathAsync("system:anonymous", groups, "/version"));
        Assert.True(await AllowedPathAsync("system:anonymous", groups, "/readyz"));
        Assert.False(await AllowedPathAsync("system:anonymous", groups, "/api"));
        Assert.False(await AllowedAsync("system:anonymous", groups, "list", "secrets", "default"));
        Assert.True(await AllowedPathAsync("someone", ["system:authenticated"], "/apis/apps/v1"));
    }

    [Fact]
    public async Task The_component_identities_hold_what_their_components_do()
    {
        Assert.True(await AllowedAsync("system:node:n1", ["system:nodes", "system:authenticated"], "patch", "nodes", "", subresource: "status"));
        Assert.True(await AllowedAsync("system:kube-scheduler", ["system:authenticated"], "create", "pods", "default", subresource: "binding"));
        Assert.True(await AllowedAsync("system:kube-proxy", ["system:authenticated"], "watch", "endpointslices", "", "discovery.k8s.io"));
        Assert.True(await AllowedAsync("system:kube-dns", ["system:authenticated"], "update", "endpointslices", "kube-system", "discovery.k8s.io"));
        Assert.False(await AllowedAsync("system:kube-dns", ["system:authenticated"], "update", "endpointslices", "default", "discovery.k8s.io"));
        Assert.True(await AllowedAsync("system:kube-controller-manager", ["system:authenticated"], "deletecollection", "events", "ns1"));
        Assert.False(await AllowedAsync("system:kube-controller-manager", ["system:authenticated"], "impersonate", "users", ""));
        Assert.True(await AllowedAsync("kube-apiserver-kubelet-client", ["kubeadm:cluster-admins", "system:authenticated"], "get", "nodes", "", subresource: "proxy"));
        // The scheduler's ImagePlatform plugin reads a pod's imagePullSecrets one by one: get, never list.
        Assert.True(await AllowedAsync("system:kube-scheduler", ["system:authenticated"], "get", "secrets", "default"));
        Assert.False(await AllowedAsync("system:kube-scheduler", ["system:authenticated"], "list", "secrets", "default"));
    }

    [Fact]
    public async Task A_review_without_attributes_or_subject_is_refused_with_upstreams_field_errors()
    {
        var review = new V1SubjectAccessReview { Spec = new V1SubjectAccessReviewSpec() };

        var error = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => fixture.Server.Client.AuthorizationV1.CreateSubjectAccessReviewAsync(review));

        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        var message = System.Text.Json.Nodes.JsonNode.Parse(error.Response.Content)!["message"]!.GetValue<string>();
        Assert.Equal(
            "SubjectAccessReview.authorization.k8s.io \"\" is invalid: [spec.resourceAttributes: Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified, spec.user: Invalid value: \"\": at least one of user or group must be specified]",
            message);
    }

    private async Task<bool> AllowedAsync(string user, string[] groups, string verb, string resource, string ns, string group = "", string subresource = "")
    {
        var review = await fixture.Server.Client.AuthorizationV1.CreateSubjectAccessReviewAsync(new V1SubjectAccessReview
        {
            Spec = new V1SubjectAccessReviewSpec
            {
                User = user,
                Groups = groups,
                ResourceAttributes = new V1ResourceAttributes { Verb = verb, Resource = resource, NamespaceProperty = ns, Group = group, Subresource = subresource },
            },
        });
        return review.Status.Allowed;
    }

    private async Task<bool> AllowedPathAsync(string user, string[] groups, string path)
    {
        var review = await fixture.Server.Client.AuthorizationV1.CreateSubjectAccessReviewAsync(new V1SubjectAccessReview
        {
            Spec = new V1SubjectAccessReviewSpec { User = user, Groups = groups, NonResourceAttributes = new V1NonResourceAttributes { Path = path, Verb = "get" } },
        });
        return review.Status.Allowed;
    }
}
