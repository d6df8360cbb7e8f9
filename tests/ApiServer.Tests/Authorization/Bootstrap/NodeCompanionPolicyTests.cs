using k8s;
using k8s.Models;

namespace Orchestrator.ApiServer.Tests.Authorization.Bootstrap;

/// <summary>
/// A node's identity runs its service proxy and DNS (NodeCompanionPolicy): it reads what they read and publishes
/// its kube-dns EndpointSlice, and neither it nor the node DNS identity may touch the kube-dns Service, which is
/// the control plane's.
/// </summary>
public sealed class NodeCompanionPolicyTests(RbacServerFixture fixture) : IClassFixture<RbacServerFixture>
{
    private static readonly string[] Node = ["system:nodes", "system:authenticated"];
    private static readonly string[] Authenticated = ["system:authenticated"];

    [Theory]
    [InlineData("watch", "endpointslices", "", "discovery.k8s.io", true)]
    [InlineData("list", "services", "", "", true)]
    [InlineData("list", "endpoints", "", "", true)]
    [InlineData("create", "endpointslices", "kube-system", "discovery.k8s.io", true)]
    [InlineData("delete", "endpointslices", "kube-system", "discovery.k8s.io", true)]
    [InlineData("create", "endpointslices", "default", "discovery.k8s.io", false)]
    [InlineData("create", "services", "kube-system", "", false)]
    [InlineData("update", "services", "kube-system", "", false)]
    public async Task A_node_holds_what_its_proxy_and_dns_do_and_no_write_of_services(string verb, string resource, string ns, string group, bool allowed)
    {
        Assert.Equal(allowed, await AllowedAsync("system:node:n1", Node, verb, resource, ns, group));
    }

    [Fact]
    public async Task The_node_dns_identity_may_no_longer_write_the_kube_dns_service()
    {
        Assert.False(await AllowedAsync("system:kube-dns", Authenticated, "create", "services", "kube-system", ""));
        Assert.True(await AllowedAsync("system:kube-dns", Authenticated, "update", "endpointslices", "kube-system", "discovery.k8s.io"));
    }

    private async Task<bool> AllowedAsync(string user, string[] groups, string verb, string resource, string ns, string group)
    {
        var review = await fixture.Server.Client.AuthorizationV1.CreateSubjectAccessReviewAsync(new V1SubjectAccessReview
        {
            Spec = new V1SubjectAccessReviewSpec
            {
                User = user,
                Groups = groups,
                ResourceAttributes = new V1ResourceAttributes { Verb = verb, Resource = resource, NamespaceProperty = ns, Group = group },
            },
        });
        return review.Status.Allowed;
    }
}
