using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Orchestrator.ApiServer.Tests.Authorization;

namespace Orchestrator.ApiServer.Tests.Metrics.Serving;

/// <summary>metrics.k8s.io under RBAC: resources nodes and pods of group metrics.k8s.io, readable through metrics-server's aggregated reader role.</summary>
public sealed class MetricsAuthorizationTests(RbacServerFixture fixture) : IClassFixture<RbacServerFixture>
{
    [Fact]
    public async Task The_aggregated_metrics_reader_role_lets_a_user_read_metrics_through_the_client_models()
    {
        var role = await fixture.Server.Client.RbacAuthorizationV1.ReadClusterRoleAsync("system:aggregated-metrics-reader");
        Assert.Equal("true", role.Metadata.Labels["rbac.authorization.k8s.io/aggregate-to-view"]);
        await fixture.Server.Client.RbacAuthorizationV1.CreateClusterRoleBindingAsync(new V1ClusterRoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "metrics-reader-alice" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "system:aggregated-metrics-reader" },
            Subjects = [new Rbacv1Subject { ApiGroup = "rbac.authorization.k8s.io", Kind = "User", Name = "alice" }],
        });
        using var alice = fixture.Pki.Client(fixture.Server.Address, "alice", "system:authenticated");

        NodeMetricsList? nodes = null;
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                nodes = await alice.GetKubernetesNodesMetricsAsync();
                return true;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Forbidden)
            {
                return false;
            }
        }, "the binding reaches the authorizer");
        var pods = await alice.GetKubernetesPodsMetricsByNamespaceAsync("default");

        Assert.Empty(nodes!.Items);
        Assert.Empty(pods.Items);
    }

    [Fact]
    public async Task A_user_without_the_role_is_refused_with_upstreams_wording()
    {
        using var bob = fixture.Pki.Client(fixture.Server.Address, "bob", "system:authenticated");

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => bob.GetKubernetesPodsMetricsByNamespaceAsync("default"));

        Assert.Equal(HttpStatusCode.Forbidden, error.Response.StatusCode);
        Assert.Equal(
            "pods.metrics.k8s.io is forbidden: User \"bob\" cannot list resource \"pods\" in API group \"metrics.k8s.io\" in the namespace \"default\"",
            JsonNode.Parse(error.Response.Content)!["message"]!.GetValue<string>());
    }
}
