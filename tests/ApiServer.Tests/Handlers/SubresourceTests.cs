using System.Net;
using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tests.Handlers;

public sealed class SubresourceTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    private const string Deployment = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
         "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
                 "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx"}]}}}}
        """;

    [Fact]
    public async Task Scale_reads_and_writes_replicas_bumps_generation_and_honours_its_resource_version()
    {
        var (created, deployment, _) = await api.SendAsync(HttpMethod.Post, "/apis/apps/v1/namespaces/default/deployments", Deployment);
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(1, deployment!["metadata"]!["generation"]!.GetValue<long>());

        var (_, scale, _) = await api.SendAsync(HttpMethod.Get, "/apis/apps/v1/namespaces/default/deployments/web/scale");
        Assert.Equal("Scale", scale!["kind"]!.GetValue<string>());
        Assert.Equal("autoscaling/v1", scale["apiVersion"]!.GetValue<string>());
        Assert.Equal(2, scale["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal("app=web", scale["status"]!["selector"]!.GetValue<string>());

        scale["spec"]!["replicas"] = 5;
        var (put, scaled, _) = await api.SendAsync(HttpMethod.Put, "/apis/apps/v1/namespaces/default/deployments/web/scale", scale.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, put);
        Assert.Equal(5, scaled!["spec"]!["replicas"]!.GetValue<int>());

        var (_, after, _) = await api.SendAsync(HttpMethod.Get, "/apis/apps/v1/namespaces/default/deployments/web");
        Assert.Equal(5, after!["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(2, after["metadata"]!["generation"]!.GetValue<long>());

        // The first Scale's resourceVersion is stale now.
        var (stale, _, _) = await api.SendAsync(HttpMethod.Put, "/apis/apps/v1/namespaces/default/deployments/web/scale", scale.ToJsonString());
        Assert.Equal(HttpStatusCode.Conflict, stale);
    }

    [Fact]
    public async Task Unregistered_subresources_are_404()
    {
        await api.SendAsync(HttpMethod.Post, "/apis/apps/v1/namespaces/default/daemonsets", """
            {"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"ds"},"spec":{"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},"spec":{"containers":[{"name":"c","image":"i"}]}}}}
            """);

        var (status, _, _) = await api.SendAsync(HttpMethod.Get, "/apis/apps/v1/namespaces/default/daemonsets/ds/scale");

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task Binding_assigns_a_node_once_and_eviction_deletes_a_bound_pod_gracefully()
    {
        await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods", """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p1"},"spec":{"containers":[{"name":"c","image":"busybox"}]}}
            """);
        const string binding = """{"apiVersion":"v1","kind":"Binding","metadata":{"name":"p1"},"target":{"kind":"Node","name":"node-a"}}""";

        var (bound, status, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods/p1/binding", binding);
        var (again, conflict, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods/p1/binding", binding.Replace("node-a", "node-b", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Created, bound);
        Assert.Equal("Success", status!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Contains("is already assigned to node \"node-a\"", conflict!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var (evicted, _, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods/p1/eviction", """
            {"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"p1","namespace":"default"},"deleteOptions":{}}
            """);
        var (_, pod, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/pods/p1");

        Assert.Equal(HttpStatusCode.Created, evicted);
        Assert.Equal("node-a", pod!["spec"]!["nodeName"]!.GetValue<string>());
        Assert.NotNull(pod["metadata"]!["deletionTimestamp"]);
        Assert.Equal(30, pod["metadata"]!["deletionGracePeriodSeconds"]!.GetValue<long>());
    }

    [Fact]
    public async Task Services_get_unique_cluster_ips_and_node_ports_and_keep_them_on_update()
    {
        var ips = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            var (status, service, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/services", $$$"""
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"svc-{{{i}}}"},"spec":{"type":"NodePort","selector":{"app":"x"},"ports":[{"port":80}]}}
                """);
            Assert.Equal(HttpStatusCode.Created, status);
            var ip = service!["spec"]!["clusterIP"]!.GetValue<string>();
            Assert.StartsWith("10.", ip, StringComparison.Ordinal);
            Assert.True(ips.Add(ip), $"duplicate cluster IP {ip}");
            var port = service["spec"]!["ports"]![0]!;
            Assert.InRange(port["nodePort"]!.GetValue<int>(), 30000, 32767);
            Assert.Equal("TCP", port["protocol"]!.GetValue<string>());
            Assert.Equal(80, port["targetPort"]!.GetValue<int>());
        }

        var (taken, takenBody, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/services", """
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"wants-kubernetes-ip"},"spec":{"clusterIP":"10.96.0.1","ports":[{"port":80}]}}
            """);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, taken);
        Assert.Contains("provided IP is already allocated", takenBody!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var (_, current, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/services/svc-0");
        var spec = current!["spec"]!.AsObject();
        var ip0 = spec["clusterIP"]!.GetValue<string>();
        spec.Remove("clusterIP");
        spec.Remove("clusterIPs");
        var (updated, updatedBody, _) = await api.SendAsync(HttpMethod.Put, "/api/v1/namespaces/default/services/svc-0", current.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, updated);
        Assert.Equal(ip0, updatedBody!["spec"]!["clusterIP"]!.GetValue<string>());
    }
}
