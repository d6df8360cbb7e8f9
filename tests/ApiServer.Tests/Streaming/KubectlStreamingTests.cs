using System.Net;
using k8s;
using k8s.Models;
using Orchestrator.Kubelet.Server;

namespace Orchestrator.ApiServer.Tests.Streaming;

/// <summary>
/// Real kubectl → this API server → the kubelet server → containerd's streaming server → a busybox
/// container: exec over WebSocket v5 (1.33, translated to SPDY) and SPDY (1.27, relayed), logs, port-forward.
/// </summary>
[Collection(ContainerdCollection.Name)]
public sealed class KubectlStreamingTests(ContainerdFixture containerd) : IAsyncLifetime
{
    private const string PodName = "stream-pod";

    private readonly string _directory = Directory.CreateTempSubdirectory("apiproxy-kubectl-").FullName;
    private CriBusyboxPod? _pod;
    private KubeletServer? _kubelet;
    private InProcessApiServer? _api;
    private string _kubeconfig = "";

    public async Task InitializeAsync()
    {
        _pod = await CriBusyboxPod.StartAsync(containerd, PodName, "sh", "-c", "echo started; mkdir -p /www; echo hello-pf > /www/index.html; exec httpd -f -p 8080 -h /www");
        _kubelet = new KubeletServer(new CriStreamingRuntime(_pod), new KubeletServerOptions { BindAddress = IPAddress.Loopback, Port = 0 });
        await _kubelet.StartAsync();
        _api = await InProcessApiServer.StartAsync();
        _kubeconfig = Kubectl.WriteKubeconfig(_directory, _api.Address.ToString());
        await StreamingObjects.CreateNodeAndPodAsync(_api.Client, "node-1", _kubelet.Port, PodName, CriBusyboxPod.Container);
    }

    public async Task DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        if (_kubelet is not null)
        {
            await _kubelet.DisposeAsync();
        }

        if (_pod is not null)
        {
            await _pod.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData("1.33")]
    [InlineData("1.27")]
    public async Task Exec_prints_the_commands_output(string version)
    {
        using var kubectl = new Kubectl(version, _kubeconfig);

        var result = await kubectl.RunAsync("exec", PodName, "--", "cat", "/etc/hostname");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(PodName + "\n", result.Stdout);
    }

    [Theory]
    [InlineData("1.33")]
    [InlineData("1.27")]
    public async Task Exec_with_stdin_passes_it_and_ends_at_its_end(string version)
    {
        using var kubectl = new Kubectl(version, _kubeconfig);

        var result = await kubectl.RunWithInputAsync("hi\nthere\n", "exec", "-i", PodName, "--", "cat");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("hi\nthere\n", result.Stdout);
    }

    [Theory]
    [InlineData("1.33")]
    [InlineData("1.27")]
    public async Task A_failing_commands_exit_code_reaches_kubectl(string version)
    {
        using var kubectl = new Kubectl(version, _kubeconfig);

        var result = await kubectl.RunAsync("exec", PodName, "--", "sh", "-c", "echo oops >&2; exit 3");

        Assert.Equal(3, result.ExitCode); // kubectl exits with the remote command's code
        Assert.Contains("oops", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("command terminated with exit code 3", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_show_the_containers_output()
    {
        using var kubectl = new Kubectl("1.33", _kubeconfig);

        var result = await kubectl.RunAsync("logs", PodName);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("started\n", result.Stdout);
    }

    [Fact]
    public async Task Logs_follow_streams_lines_as_they_are_written()
    {
        using var kubectl = new Kubectl("1.33", _kubeconfig);
        using var follow = kubectl.Start("logs", "-f", PodName);

        Assert.Equal("started", await follow.ReadLineAsync(TimeSpan.FromSeconds(20)));
    }

    [Theory]
    [InlineData("1.33")]
    [InlineData("1.27")]
    public async Task Port_forward_serves_a_request(string version)
    {
        using var kubectl = new Kubectl(version, _kubeconfig);
        using var forward = kubectl.Start("port-forward", "pod/" + PodName, ":8080");
        var line = await forward.ReadLineAsync(TimeSpan.FromSeconds(20)) ?? "";
        var match = System.Text.RegularExpressions.Regex.Match(line, @"Forwarding from 127\.0\.0\.1:(\d+) -> 8080");
        Assert.True(match.Success, line);

        using var http = new HttpClient();
        var body = await http.GetStringAsync(new Uri($"http://127.0.0.1:{match.Groups[1].Value}/index.html"));

        Assert.Equal("hello-pf\n", body);
    }
}
