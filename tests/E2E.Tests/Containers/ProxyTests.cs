using System.Net.Sockets;
using k8s;
using k8s.Models;

namespace Orchestrator.E2E.Tests.Containers;

/// <summary>
/// The proxy subresources and what kubectl builds on them, on a real containerd node: a busybox httpd Deployment behind
/// a Service (targetPort by name) read through <c>services/web:80/proxy</c>, <c>pods/NAME:8080/proxy</c>,
/// <c>kubectl proxy</c>, <c>kubectl port-forward svc/web</c> and <c>deploy/web</c>; and <c>kubectl get cs</c>.
/// </summary>
[Collection(ContainerdCollection.Name)]
public sealed class ProxyTests(ContainerdCluster cluster)
{
    private const string Page = "hello from busybox httpd\n";

    [Theory]
    [InlineData("1.33")]
    [InlineData("1.27")]
    public async Task A_service_and_a_pod_page_come_through_get_raw_kubectl_proxy_and_port_forward(string version)
    {
        var ns = await cluster.NamespaceAsync("proxy" + version.Replace(".", string.Empty, StringComparison.Ordinal));
        await cluster.Apply(ns, Manifests.Httpd("web") + """

            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              selector: {app: web}
              ports: [{name: http, port: 80, targetPort: http}]
            """);
        var pod = await RunningPodAsync(ns);
        await cluster.Eventually(async () => (await cluster.Client.CoreV1.ReadNamespacedEndpointsAsync("web", ns)).Subsets?.Any(s => s.Addresses?.Count > 0) == true, TimeSpan.FromSeconds(30), "the Service's endpoint");
        using var kubectl = cluster.Kubectl(version);

        Assert.Equal(Page, (await cluster.Ok(kubectl, "get", "--raw", $"/api/v1/namespaces/{ns}/services/web:80/proxy/")).Stdout);
        Assert.Equal(Page, (await cluster.Ok(kubectl, "get", "--raw", $"/api/v1/namespaces/{ns}/services/http:web:http/proxy/index.html")).Stdout);
        Assert.Equal(Page, (await cluster.Ok(kubectl, "get", "--raw", $"/api/v1/namespaces/{ns}/pods/{pod}:8080/proxy/index.html")).Stdout);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using (var proxy = kubectl.Start("proxy", "--port=0"))
        {
            var serving = await proxy.ReadLineAsync(TimeSpan.FromSeconds(15));
            Assert.NotNull(serving);
            Assert.StartsWith("Starting to serve on 127.0.0.1:", serving, StringComparison.Ordinal);
            var local = serving["Starting to serve on ".Length..].Trim();
            Assert.Equal(Page, await http.GetStringAsync(new Uri($"http://{local}/api/v1/namespaces/{ns}/services/web:80/proxy/")));
            Assert.Equal(Page, await http.GetStringAsync(new Uri($"http://{local}/api/v1/namespaces/{ns}/pods/{pod}/proxy/index.html")));
        }

        foreach (var (target, remote) in new[] { ("svc/web", 80), ("deploy/web", 8080) })
        {
            var port = FreePort();
            using var forward = kubectl.Start("port-forward", "-n", ns, target, $"{port}:{remote}");
            var first = await forward.ReadLineAsync(TimeSpan.FromSeconds(15));
            Assert.True(first?.StartsWith("Forwarding from 127.0.0.1", StringComparison.Ordinal) == true, $"{target}: {first}");
            Assert.Equal(Page, await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/")));
        }
    }

    [Theory]
    [InlineData("1.33")]
    [InlineData("1.27")]
    public async Task Kubectl_get_cs_lists_the_components_healthy_with_upstream_s_columns_and_warning(string version)
    {
        using var kubectl = cluster.Kubectl(version);

        var result = await cluster.Ok(kubectl, "get", "cs");

        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["NAME", "STATUS", "MESSAGE", "ERROR"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        foreach (var component in new[] { "scheduler", "controller-manager", "etcd-0" })
        {
            Assert.Contains(lines, l => l.StartsWith(component + " ", StringComparison.Ordinal) && l.Contains(" Healthy ", StringComparison.Ordinal));
        }

        Assert.Contains("Warning: v1 ComponentStatus is deprecated in v1.19+", result.Stderr, StringComparison.Ordinal);
    }

    private async Task<string> RunningPodAsync(string ns)
    {
        V1Pod? pod = null;
        await cluster.Eventually(async () =>
        {
            pod = (await cluster.Client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "app=web")).Items.FirstOrDefault(ContainerdCluster.IsRunning);
            return pod is not null;
        }, TimeSpan.FromSeconds(60), "the httpd pod to run");
        return pod!.Metadata.Name;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
