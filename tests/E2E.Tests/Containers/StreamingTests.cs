using k8s;
using System.Net.Sockets;
using k8s.Models;

namespace Orchestrator.E2E.Tests.Containers;

/// <summary>kubectl logs, exec, port-forward through the API server to the kubelet to containerd.</summary>
[Collection(ContainerdCollection.Name)]
public sealed class StreamingTests(ContainerdCluster cluster)
{
    [Fact]
    public async Task Kubectl_logs_and_logs_follow_show_the_container_output()
    {
        var (ns, pod) = await HttpdAsync("logs");
        using var kubectl = cluster.Kubectl();

        await cluster.Eventually(async () => (await kubectl.RunAsync("logs", pod.Metadata.Name, "-n", ns)).Stdout.Contains("started-on-stdout", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "kubectl logs");
        var timestamps = await cluster.Ok(kubectl, "logs", pod.Metadata.Name, "-n", ns, "--timestamps", "--tail", "1");
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z ", timestamps.Stdout);

        using var follow = kubectl.Start("logs", "-f", pod.Metadata.Name, "-n", ns);
        Assert.Equal("started-on-stdout", await follow.ReadLineAsync(TimeSpan.FromSeconds(10)));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await http.GetStringAsync(new Uri($"http://{pod.Status.PodIP}:8080/index.html"));
        var line = await follow.ReadLineAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(line); // httpd -v logs the request to stderr, which `logs -f` streams as it comes
        Assert.Contains("response:200", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.33")] // WebSocket v5.channel.k8s.io
    [InlineData("1.27")] // SPDY/3.1
    public async Task Kubectl_exec_prints_the_pod_hostname(string version)
    {
        var (ns, pod) = await HttpdAsync("exec" + version.Replace(".", string.Empty, StringComparison.Ordinal));
        using var kubectl = cluster.Kubectl(version);

        var result = await cluster.Ok(kubectl, "exec", pod.Metadata.Name, "-n", ns, "--", "cat", "/etc/hostname");

        Assert.Equal(pod.Metadata.Name + "\n", result.Stdout);
    }

    [Theory]
    [InlineData("1.33")]
    [InlineData("1.27")]
    public async Task Kubectl_exec_passes_stdin_and_reports_a_failing_command_s_exit_code(string version)
    {
        var (ns, pod) = await HttpdAsync("stdin" + version.Replace(".", string.Empty, StringComparison.Ordinal));
        using var kubectl = cluster.Kubectl(version);

        var echoed = await kubectl.RunWithInputAsync("hello through stdin\n", "exec", "-i", pod.Metadata.Name, "-n", ns, "--", "cat");
        Assert.True(echoed.ExitCode == 0, echoed.ToString());
        Assert.Equal("hello through stdin\n", echoed.Stdout);

        var failed = await kubectl.RunAsync("exec", pod.Metadata.Name, "-n", ns, "--", "sh", "-c", "echo to-stderr >&2; exit 3");
        Assert.NotEqual(0, failed.ExitCode);
        Assert.Contains("to-stderr", failed.Stderr, StringComparison.Ordinal);
        Assert.Contains("command terminated with exit code 3", failed.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.33")] // SPDY tunnelled in WebSocket
    [InlineData("1.27")] // SPDY/3.1
    public async Task Kubectl_port_forward_serves_a_request(string version)
    {
        var (ns, pod) = await HttpdAsync("pf" + version.Replace(".", string.Empty, StringComparison.Ordinal));
        using var kubectl = cluster.Kubectl(version);
        var port = FreePort();

        using var forward = kubectl.Start("port-forward", "-n", ns, "pod/" + pod.Metadata.Name, $"{port}:8080");
        var first = await forward.ReadLineAsync(TimeSpan.FromSeconds(15));
        Assert.NotNull(first);
        Assert.Contains("Forwarding from 127.0.0.1", first, StringComparison.Ordinal);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        Assert.Equal("hello from busybox httpd\n", await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/")));
        Assert.Equal("hello from busybox httpd\n", await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/index.html")));
    }

    private async Task<(string Namespace, V1Pod Pod)> HttpdAsync(string prefix)
    {
        var ns = await cluster.NamespaceAsync(prefix);
        await cluster.Apply(ns, Manifests.Httpd("web"));
        V1Pod? pod = null;
        await cluster.Eventually(async () =>
        {
            pod = (await cluster.Client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "app=web")).Items.FirstOrDefault(ContainerdCluster.IsRunning);
            return pod is not null;
        }, TimeSpan.FromSeconds(60), "the httpd pod to run");
        return (ns, pod!);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
