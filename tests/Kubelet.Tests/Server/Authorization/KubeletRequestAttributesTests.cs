using Orchestrator.Kubelet.Server.Authorization;

namespace Orchestrator.Kubelet.Tests.Server.Authorization;

/// <summary>The verb and nodes/ subresource of each kubelet path, as upstream's attributes getter with fine-grained authorization.</summary>
public sealed class KubeletRequestAttributesTests
{
    [Theory]
    [InlineData("GET", "/stats/summary", "get", "stats")]
    [InlineData("GET", "/stats", "get", "stats")]
    [InlineData("GET", "/metrics", "get", "metrics")]
    [InlineData("GET", "/metrics/resource", "get", "metrics")]
    [InlineData("GET", "/metrics/cadvisor", "get", "metrics")]
    [InlineData("GET", "/logs/", "get", "log")]
    [InlineData("GET", "/spec/", "get", "spec")]
    [InlineData("POST", "/checkpoint/ns/pod/c", "create", "checkpoint")]
    [InlineData("GET", "/healthz", "get", "healthz,proxy")]
    [InlineData("GET", "/pods", "get", "pods,proxy")]
    [InlineData("GET", "/runningpods/", "get", "pods,proxy")]
    [InlineData("GET", "/configz", "get", "configz,proxy")]
    [InlineData("GET", "/containerLogs/ns/pod/c", "get", "proxy")]
    [InlineData("POST", "/exec/ns/pod/c", "create", "proxy")]
    [InlineData("GET", "/exec/ns/pod/c", "get", "proxy")]
    [InlineData("POST", "/portForward/ns/pod", "create", "proxy")]
    [InlineData("PUT", "/statsfoo", "update", "proxy")]
    [InlineData("PATCH", "/", "patch", "proxy")]
    [InlineData("DELETE", "/metricsx/y", "delete", "proxy")]
    [InlineData("OPTIONS", "/healthz", "", "healthz,proxy")]
    public void A_path_maps_to_upstream_s_verb_and_subresources(string method, string path, string verb, string subresources)
    {
        var attributes = KubeletRequestAttributes.For(method, path);

        Assert.Equal(verb, attributes.Verb);
        Assert.Equal(subresources, string.Join(',', attributes.Subresources));
    }
}
