using Orchestrator.ApiServer.Authentication;
using Orchestrator.ApiServer.Authorization;

namespace Orchestrator.ApiServer.Tests.Authorization;

public sealed class ForbiddenErrorTests
{
    [Fact]
    public void A_namespaced_list_is_worded_as_upstream_with_the_resource_as_details_kind()
    {
        var error = ForbiddenError.For(Resource(UserInfo.AnonymousUser, "list", "", "pods", "default"), "");

        Assert.Equal(403, error.Code);
        Assert.Equal("Forbidden", error.Reason);
        Assert.Equal("pods is forbidden: User \"system:anonymous\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\"", error.Message);
        Assert.Equal(("pods", null, null), (error.DetailsKind, error.DetailsGroup, error.DetailsName));
    }

    [Fact]
    public void A_named_cluster_scoped_subresource_names_the_object_group_and_scope()
    {
        var attributes = Resource(UserInfo.Of("bob"), "update", "apps", "deployments", "") with { Name = "web", Subresource = "scale" };

        var error = ForbiddenError.For(attributes, "");

        Assert.Equal("deployments.apps \"web\" is forbidden: User \"bob\" cannot update resource \"deployments/scale\" in API group \"apps\" at the cluster scope", error.Message);
        Assert.Equal(("deployments", "apps", "web"), (error.DetailsKind, error.DetailsGroup, error.DetailsName));
    }

    [Fact]
    public void A_non_resource_path_is_forbidden_without_a_resource_and_the_reason_follows_a_colon()
    {
        var attributes = new AuthorizationAttributes { User = UserInfo.Of("x"), Verb = "get", Path = "/foo" };

        Assert.Equal("forbidden: User \"x\" cannot get path \"/foo\"", ForbiddenError.For(attributes, "").Message);
        Assert.Equal("forbidden: User \"x\" cannot get path \"/foo\": RBAC: clusterrole.rbac.authorization.k8s.io \"gone\" not found",
            ForbiddenError.For(attributes, "RBAC: clusterrole.rbac.authorization.k8s.io \"gone\" not found").Message);
    }

    private static AuthorizationAttributes Resource(UserInfo user, string verb, string group, string resource, string ns) => new()
    {
        User = user,
        Verb = verb,
        IsResourceRequest = true,
        ApiGroup = group,
        Resource = resource,
        Namespace = ns,
    };
}
