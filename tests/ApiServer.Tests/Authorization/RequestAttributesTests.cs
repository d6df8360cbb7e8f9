using Orchestrator.ApiServer.Authentication;
using Orchestrator.ApiServer.Authorization;

namespace Orchestrator.ApiServer.Tests.Authorization;

public sealed class RequestAttributesTests
{
    private static readonly UserInfo User = UserInfo.Of("alice", UserInfo.AllAuthenticated);

    [Theory]
    [InlineData("GET", "/api/v1/namespaces/default/pods", "", "", "list", "default", "", "pods", "", "")]
    [InlineData("GET", "/api/v1/namespaces/default/pods", "true", "", "watch", "default", "", "pods", "", "")]
    [InlineData("GET", "/api/v1/watch/namespaces/default/pods", "", "", "watch", "default", "", "pods", "", "")]
    [InlineData("GET", "/api/v1/namespaces/default/pods/web", "", "", "get", "default", "", "pods", "web", "")]
    [InlineData("HEAD", "/api/v1/namespaces/default/pods/web", "", "", "get", "default", "", "pods", "web", "")]
    [InlineData("GET", "/api/v1/namespaces/default/pods/web/log", "", "", "get", "default", "", "pods", "web", "log")]
    [InlineData("POST", "/api/v1/namespaces/default/pods/web/exec", "", "", "create", "default", "", "pods", "web", "exec")]
    [InlineData("POST", "/api/v1/namespaces/default/pods", "", "", "create", "default", "", "pods", "", "")]
    [InlineData("PUT", "/apis/apps/v1/namespaces/ns1/deployments/web/scale", "", "", "update", "ns1", "apps", "deployments", "web", "scale")]
    [InlineData("PATCH", "/apis/apps/v1/namespaces/ns1/deployments/web", "", "", "patch", "ns1", "apps", "deployments", "web", "")]
    [InlineData("DELETE", "/apis/apps/v1/namespaces/ns1/deployments/web", "", "", "delete", "ns1", "apps", "deployments", "web", "")]
    [InlineData("DELETE", "/apis/apps/v1/namespaces/ns1/deployments", "", "", "deletecollection", "ns1", "apps", "deployments", "", "")]
    [InlineData("GET", "/apis/rbac.authorization.k8s.io/v1/clusterroles", "", "", "list", "", "rbac.authorization.k8s.io", "clusterroles", "", "")]
    [InlineData("GET", "/api/v1/nodes/n1", "", "", "get", "", "", "nodes", "n1", "")]
    [InlineData("GET", "/api/v1/pods", "", "", "list", "", "", "pods", "", "")]
    [InlineData("GET", "/api/v1/namespaces/kube-system", "", "", "get", "kube-system", "", "namespaces", "kube-system", "")]
    [InlineData("PUT", "/api/v1/namespaces/ns1/finalize", "", "", "update", "ns1", "", "namespaces", "ns1", "finalize")]
    [InlineData("PUT", "/api/v1/namespaces/ns1/status", "", "", "update", "ns1", "", "namespaces", "ns1", "status")]
    [InlineData("GET", "/api/v1/namespaces/default/secrets", "", "metadata.name=token", "list", "default", "", "secrets", "token", "")]
    [InlineData("GET", "/api/v1/namespaces/default/secrets", "", "metadata.name!=token", "list", "default", "", "secrets", "", "")]
    [InlineData("GET", "/api/v1/namespaces/default/secrets", "", "metadata.name=a/b", "list", "default", "", "secrets", "", "")]
    public void A_resource_request_reads_as_upstreams_RequestInfoFactory_reads_it(
        string method, string path, string watch, string fieldSelector, string verb, string ns, string group, string resource, string name, string subresource)
    {
        var attributes = RequestAttributes.Parse(User, method, path, Segments(path), watch, fieldSelector);

        Assert.True(attributes.IsResourceRequest);
        Assert.Equal((verb, ns, group, resource, name, subresource), (attributes.Verb, attributes.Namespace, attributes.ApiGroup, attributes.Resource, attributes.Name, attributes.Subresource));
        Assert.Same(User, attributes.User);
    }

    [Theory]
    [InlineData("GET", "/version", "get")]
    [InlineData("GET", "/healthz", "get")]
    [InlineData("GET", "/api", "get")]
    [InlineData("GET", "/api/v1", "get")]
    [InlineData("GET", "/apis", "get")]
    [InlineData("GET", "/apis/apps/v1", "get")]
    [InlineData("POST", "/foo", "post")]
    [InlineData("PUT", "/openapi/v2", "put")]
    [InlineData("DELETE", "/", "delete")]
    public void Paths_outside_the_resource_space_are_non_resource_requests_with_the_lower_cased_method(string method, string path, string verb)
    {
        var attributes = RequestAttributes.Parse(User, method, path, Segments(path), "", "");

        Assert.False(attributes.IsResourceRequest);
        Assert.Equal((verb, path), (attributes.Verb, attributes.Path));
    }

    private static string[] Segments(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void A_requests_attributes_are_read_once_and_each_asker_gets_its_own_user()
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = "/api/v1/namespaces/default/pods/web";

        var anonymous = RequestAttributes.From(context, UserInfo.AnonymousUser);
        context.Request.Path = "/api/v1/namespaces/other/secrets"; // not read again
        var forUser = RequestAttributes.From(context, User);

        Assert.Equal(("get", "default", "pods", "web"), (forUser.Verb, forUser.Namespace, forUser.Resource, forUser.Name));
        Assert.Same(User, forUser.User);
        Assert.Same(UserInfo.AnonymousUser, anonymous.User);
        Assert.Same(forUser.User, RequestAttributes.From(context, User).User);
    }

    [Fact]
    public void A_request_that_does_not_parse_throws_for_every_asker()
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = "/api/v1/namespaces/default/pods";
        context.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString("?watch=maybe");

        var first = Record.Exception(() => RequestAttributes.From(context, UserInfo.AnonymousUser));
        var second = Record.Exception(() => RequestAttributes.From(context, User));

        Assert.NotNull(first);
        Assert.Equal(first.GetType(), second?.GetType());
    }
}
