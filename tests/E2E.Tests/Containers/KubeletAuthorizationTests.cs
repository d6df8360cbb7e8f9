using System.Net;
using System.Net.Security;
using k8s;
using k8s.Models;

namespace Orchestrator.E2E.Tests.Containers;

/// <summary>
/// The real kubelet authorizes its clients as upstream's webhook mode: a SubjectAccessReview on nodes/NODE/stats,
/// metrics or proxy for the client certificate's user. A user without RBAC is 403; one bound to a role with
/// nodes/stats reads /stats/summary and nothing else; the API server's own client (system:kubelet-api-admin)
/// reaches everything through the node proxy.
/// </summary>
[Collection(ContainerdCollection.Name)]
public sealed class KubeletAuthorizationTests(ContainerdCluster cluster)
{
    [Fact]
    public async Task Kubelet_clients_are_authorized_on_nodes_subresources_with_subject_access_reviews()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var statsReader = "stats-reader-" + suffix;
        await cluster.Client.RbacAuthorizationV1.CreateClusterRoleAsync(new V1ClusterRole
        {
            Metadata = new V1ObjectMeta { Name = statsReader },
            Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["nodes/stats"], Verbs = ["get"] }],
        });
        await cluster.Client.RbacAuthorizationV1.CreateClusterRoleBindingAsync(new V1ClusterRoleBinding
        {
            Metadata = new V1ObjectMeta { Name = statsReader },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = statsReader },
            Subjects = [new Rbacv1Subject { Kind = "User", ApiGroup = "rbac.authorization.k8s.io", Name = statsReader }],
        });
        try
        {
            var node = await cluster.Client.CoreV1.ReadNodeAsync(ContainerdCluster.NodeName);
            var kubelet = new Uri($"https://127.0.0.1:{node.Status.DaemonEndpoints.KubeletEndpoint.Port}");
            using var stranger = KubeletClient("stranger-" + suffix, kubelet);
            using var reader = KubeletClient(statsReader, kubelet);

            var denied = await stranger.GetAsync(new Uri("/stats/summary", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
            Assert.Equal($"Forbidden (user=stranger-{suffix}, verb=get, resource=nodes, subresource=stats)", await denied.Content.ReadAsStringAsync());

            // RBAC reaches the API server's authorizer at once; the kubelet asks anew for a user it has not seen.
            var summary = await reader.GetAsync(new Uri("/stats/summary", UriKind.Relative));
            Assert.True(summary.StatusCode == HttpStatusCode.OK, await summary.Content.ReadAsStringAsync());
            var nodeStats = System.Text.Json.Nodes.JsonNode.Parse(await summary.Content.ReadAsStringAsync())!["node"]!;
            Assert.Equal(ContainerdCluster.NodeName, nodeStats["nodeName"]!.GetValue<string>());

            var metrics = await reader.GetAsync(new Uri("/metrics/resource", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Forbidden, metrics.StatusCode);
            Assert.Equal($"Forbidden (user={statsReader}, verb=get, resource=nodes, subresource=metrics)", await metrics.Content.ReadAsStringAsync());
            var logs = await reader.GetAsync(new Uri("/containerLogs/default/none/none", UriKind.Relative));
            Assert.Equal($"Forbidden (user={statsReader}, verb=get, resource=nodes, subresource=proxy)", await logs.Content.ReadAsStringAsync());

            // The API server's kubelet client (system:kubelet-api-admin) passes: the node proxy reaches /metrics/resource.
            using var kubectl = cluster.Kubectl();
            var proxied = await cluster.Ok(kubectl, "get", "--raw", $"/api/v1/nodes/{ContainerdCluster.NodeName}/proxy/metrics/resource");
            Assert.Contains("node_cpu_usage_seconds_total", proxied.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            await cluster.Client.RbacAuthorizationV1.DeleteClusterRoleBindingAsync(statsReader);
            await cluster.Client.RbacAuthorizationV1.DeleteClusterRoleAsync(statsReader);
        }
    }

    /// <summary>A client of the kubelet with a cluster-CA certificate for <paramref name="user"/> (the kubelet's serving certificate is self-signed: not checked, as the API server does without --kubelet-certificate-authority).</summary>
    private HttpClient KubeletClient(string user, Uri kubelet)
    {
        var path = Path.Combine(Path.GetTempPath(), $"kubelet-client-{Guid.NewGuid():N}.kubeconfig");
        try
        {
            cluster.Server.WriteKubeconfig(path, null, user);
            var certificate = ApiServer.Hosting.Kubeconfig.ReadClientCertificate(path) ?? throw new InvalidOperationException("no client certificate written");
            return new HttpClient(new SocketsHttpHandler
            {
                UseProxy = false,
                SslOptions = new SslClientAuthenticationOptions
                {
                    ClientCertificates = [certificate],
                    LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate,
                    RemoteCertificateValidationCallback = (_, _, _, _) => true,
                },
            })
            {
                BaseAddress = kubelet,
                Timeout = TimeSpan.FromSeconds(30),
            };
        }
        finally
        {
            File.Delete(path);
        }
    }
}
