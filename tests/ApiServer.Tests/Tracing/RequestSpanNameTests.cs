using Orchestrator.ApiServer.Authentication;
using Orchestrator.ApiServer.Authorization;
using Orchestrator.ApiServer.Tracing;

namespace Orchestrator.ApiServer.Tests.Tracing;

/// <summary>API request span names as kube-apiserver's WithTracing makes them: values replaced by placeholders.</summary>
public sealed class RequestSpanNameTests
{
    [Theory]
    [InlineData("POST", "", "v1", "default", "pods", "", "", "POST /api/v1/namespaces/{:namespace}/pods")]
    [InlineData("GET", "apps", "v1", "ns", "deployments", "web", "scale", "GET /apis/apps/v1/namespaces/{:namespace}/deployments/{:name}/scale")]
    [InlineData("GET", "", "v1", "", "nodes", "", "", "GET /api/v1/nodes")]
    [InlineData("PUT", "rbac.authorization.k8s.io", "v1", "", "clusterroles", "admin", "", "PUT /apis/rbac.authorization.k8s.io/v1/clusterroles/{:name}")]
    public void The_name_is_the_method_and_the_route(string method, string group, string version, string ns, string resource, string name, string subresource, string expected)
    {
        var attributes = new AuthorizationAttributes
        {
            User = UserInfo.AnonymousUser,
            Verb = "get",
            IsResourceRequest = true,
            ApiGroup = group,
            ApiVersion = version,
            Namespace = ns,
            Resource = resource,
            Name = name,
            Subresource = subresource,
        };

        Assert.Equal(expected, RequestSpanName.Of(attributes, method));
    }

    [Fact]
    public void A_route_seen_before_is_named_without_building_the_name_again()
    {
        var first = new AuthorizationAttributes { User = UserInfo.AnonymousUser, Verb = "create", IsResourceRequest = true, ApiVersion = "v1", Namespace = "a", Resource = "configmaps" };

        Assert.Same(RequestSpanName.Of(first, "POST"), RequestSpanName.Of(first with { Namespace = "b" }, "POST"));
    }
}
