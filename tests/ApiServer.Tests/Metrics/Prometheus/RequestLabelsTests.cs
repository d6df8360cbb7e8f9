using Orchestrator.ApiServer.Authentication;
using Orchestrator.ApiServer.Authorization;
using Orchestrator.ApiServer.Metrics.Prometheus;

namespace Orchestrator.ApiServer.Tests.Metrics.Prometheus;

public sealed class RequestLabelsTests
{
    [Theory]
    [InlineData("GET", "/api/v1/namespaces/default/pods", "", null, "LIST", "", "v1", "pods", "", "namespace")]
    [InlineData("GET", "/api/v1/pods", "", null, "LIST", "", "v1", "pods", "", "cluster")]
    [InlineData("GET", "/api/v1/namespaces/default/pods?watch=true", "", null, "WATCH", "", "v1", "pods", "", "namespace")]
    [InlineData("GET", "/api/v1/watch/namespaces/default/pods", "", null, "WATCH", "", "v1", "pods", "", "namespace")]
    [InlineData("GET", "/api/v1/namespaces/default/pods/p", "", null, "GET", "", "v1", "pods", "", "namespace")]
    [InlineData("GET", "/api/v1/nodes/n1", "", null, "GET", "", "v1", "nodes", "", "resource")]
    [InlineData("GET", "/api/v1/namespaces/default", "", null, "GET", "", "v1", "namespaces", "", "namespace")]
    [InlineData("POST", "/apis/apps/v1/namespaces/default/deployments", "", null, "POST", "apps", "v1", "deployments", "", "namespace")]
    [InlineData("PUT", "/apis/apps/v1/namespaces/default/deployments/d/status", "", null, "PUT", "apps", "v1", "deployments", "status", "namespace")]
    [InlineData("PATCH", "/apis/apps/v1/namespaces/default/deployments/d", "", "application/merge-patch+json", "PATCH", "apps", "v1", "deployments", "", "namespace")]
    [InlineData("PATCH", "/apis/apps/v1/namespaces/default/deployments/d", "", "application/apply-patch+yaml", "APPLY", "apps", "v1", "deployments", "", "namespace")]
    [InlineData("DELETE", "/api/v1/namespaces/default/pods/p", "", null, "DELETE", "", "v1", "pods", "", "namespace")]
    [InlineData("DELETE", "/api/v1/namespaces/default/pods", "", null, "DELETECOLLECTION", "", "v1", "pods", "", "namespace")]
    [InlineData("POST", "/api/v1/namespaces/default/pods/p/exec", "", null, "CONNECT", "", "v1", "pods", "exec", "namespace")]
    [InlineData("GET", "/api/v1/namespaces/default/pods/p/proxy/x", "", null, "CONNECT", "", "v1", "pods", "proxy", "namespace")]
    [InlineData("POST", "/api/v1/namespaces/default/pods", "All", null, "POST", "", "v1", "pods", "", "namespace")]
    [InlineData("GET", "/version", "", null, "GET", "", "", "", "/version", "")]
    [InlineData("GET", "/metrics", "", null, "GET", "", "", "", "/metrics", "")]
    [InlineData("GET", "/openapi/v3/apis/apps/v1", "", null, "GET", "", "", "", "/openapi/v3", "")]
    [InlineData("GET", "/random/path/x", "", null, "GET", "", "", "", "other", "")]
    [InlineData("BREW", "/version", "", null, "other", "", "", "", "/version", "")]
    public void From_ReportsUpstreamsLabels(string method, string url, string dryRun, string? contentType, string verb, string group, string version, string resource, string subresource, string scope)
    {
        var labels = Labels(method, url, dryRun, contentType);

        Assert.Equal((verb, group, version, resource, subresource, scope), (labels.Verb, labels.Group, labels.Version, labels.Resource, labels.Subresource, labels.Scope));
        Assert.Equal(dryRun, labels.DryRun);
    }

    [Theory]
    [InlineData("GET", "/api/v1/pods", false, true)]
    [InlineData("GET", "/api/v1/pods?watch=1", true, true)]
    [InlineData("POST", "/api/v1/namespaces/default/pods", false, false)]
    [InlineData("POST", "/api/v1/namespaces/default/pods/p/attach", true, false)]
    [InlineData("GET", "/healthz", false, true)]
    public void From_TellsLongRunningAndReadOnlyRequests(string method, string url, bool longRunning, bool readOnly)
    {
        var labels = Labels(method, url, "", null);

        Assert.Equal((longRunning, readOnly), (labels.LongRunning, labels.ReadOnly));
    }

    [Fact]
    public void From_CountsOnlyDryRunAll()
    {
        Assert.Equal("", Labels("POST", "/api/v1/namespaces/default/pods", "Nope", null).DryRun);
    }

    private static RequestLabels Labels(string method, string url, string dryRun, string? contentType)
    {
        var (path, query) = url.IndexOf('?') is var q and >= 0 ? (url[..q], url[(q + 1)..]) : (url, "");
        var watch = query.StartsWith("watch=", StringComparison.Ordinal) ? query["watch=".Length..] : "";
        var attributes = RequestAttributes.Parse(UserInfo.AnonymousUser, method, path, path.Split('/', StringSplitOptions.RemoveEmptyEntries), watch, "");
        return RequestLabels.From(attributes, method, contentType, dryRun);
    }
}
