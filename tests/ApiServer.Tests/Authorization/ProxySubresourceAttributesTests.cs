using Orchestrator.ApiServer.Authentication;
using Orchestrator.ApiServer.Authorization;

namespace Orchestrator.ApiServer.Tests.Authorization;

/// <summary>
/// pods/{id}/proxy and services/{id}/proxy are authorized as upstream's RequestInfoFactory reads them: the namespace,
/// the resource, subresource proxy, the id as the name and the verb of the method (OPTIONS has none).
/// </summary>
public sealed class ProxySubresourceAttributesTests
{
    private static readonly UserInfo User = UserInfo.Of("dev", UserInfo.AllAuthenticated);

    [Theory]
    [InlineData("GET", "/api/v1/namespaces/web/services/web:80/proxy/", "get", "services", "web:80")]
    [InlineData("HEAD", "/api/v1/namespaces/web/services/https:web:443/proxy/a/b", "get", "services", "https:web:443")]
    [InlineData("POST", "/api/v1/namespaces/web/pods/web-0:8080/proxy/submit", "create", "pods", "web-0:8080")]
    [InlineData("PATCH", "/api/v1/namespaces/web/pods/web-0/proxy/x", "patch", "pods", "web-0")]
    [InlineData("DELETE", "/api/v1/namespaces/web/pods/web-0/proxy", "delete", "pods", "web-0")]
    [InlineData("OPTIONS", "/api/v1/namespaces/web/pods/web-0/proxy/", "", "pods", "web-0")]
    public void A_proxy_request_is_resource_proxy_in_its_namespace_with_the_method_s_verb(string method, string path, string verb, string resource, string name)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);

        var attributes = RequestAttributes.Parse(User, method, path, segments, "", "");

        Assert.True(attributes.IsResourceRequest);
        Assert.Equal((verb, "web", resource, name, "proxy"), (attributes.Verb, attributes.Namespace, attributes.Resource, attributes.Name, attributes.Subresource));
    }
}
