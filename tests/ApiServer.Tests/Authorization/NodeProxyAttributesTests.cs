using Orchestrator.ApiServer.Authentication;
using Orchestrator.ApiServer.Authorization;

namespace Orchestrator.ApiServer.Tests.Authorization;

/// <summary>nodes/{id}/proxy/{path} is authorized as upstream's RequestInfoFactory reads it: resource nodes, subresource proxy, the verb of the method.</summary>
public sealed class NodeProxyAttributesTests
{
    private static readonly UserInfo User = UserInfo.Of("metrics", UserInfo.AllAuthenticated);

    [Theory]
    [InlineData("GET", "/api/v1/nodes/n1/proxy/stats/summary", "get", "n1")]
    [InlineData("GET", "/api/v1/nodes/n1/proxy/metrics/resource", "get", "n1")]
    [InlineData("GET", "/api/v1/nodes/n1:10250/proxy/healthz", "get", "n1:10250")]
    [InlineData("POST", "/api/v1/nodes/n1/proxy/run", "create", "n1")]
    [InlineData("PUT", "/api/v1/nodes/n1/proxy/x", "update", "n1")]
    [InlineData("DELETE", "/api/v1/nodes/n1/proxy/x", "delete", "n1")]
    [InlineData("GET", "/api/v1/nodes/n1/proxy", "get", "n1")]
    public void A_node_proxy_request_is_nodes_proxy_with_the_method_s_verb(string method, string path, string verb, string name)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);

        var attributes = RequestAttributes.Parse(User, method, path, segments, "", "");

        Assert.True(attributes.IsResourceRequest);
        Assert.Equal((verb, "", "", "nodes", name, "proxy"), (attributes.Verb, attributes.Namespace, attributes.ApiGroup, attributes.Resource, attributes.Name, attributes.Subresource));
    }
}
