using System.Globalization;
using System.Net;
using System.Net.Sockets;
using k8s.Models;
using Orchestrator.Kubelet.Probes;
using Orchestrator.Kubelet.Probes.Network;

namespace Orchestrator.Kubelet.Tests.Probes;

/// <summary>httpGet, tcpSocket and grpc probes against real listeners on 127.0.0.1.</summary>
public sealed class NetworkProberTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly NetworkProber _prober = new();
    private ProbeTargetServer _server = null!;

    public async Task InitializeAsync() => _server = await ProbeTargetServer.StartAsync();

    public async Task DisposeAsync()
    {
        _prober.Dispose();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData("/ok", nameof(ProbeOutcome.Success), "fine")]
    [InlineData("/fail", nameof(ProbeOutcome.Failure), "HTTP probe failed with statuscode: 500")]
    [InlineData("/missing", nameof(ProbeOutcome.Failure), "HTTP probe failed with statuscode: 404")]
    [InlineData("/redirect-local", nameof(ProbeOutcome.Success), "fine")]
    [InlineData("/redirect-away", nameof(ProbeOutcome.Warning), "Probe terminated redirects, Response body: ")]
    public async Task HttpGet_outcomes(string path, string outcome, string output)
    {
        var result = await _prober.GetAsync(Url("http", _server.HttpPort, path), [], Timeout, CancellationToken.None);
        Assert.Equal(new ProbeResult(Enum.Parse<ProbeOutcome>(outcome), output), result);
    }

    [Fact]
    public async Task HttpGet_stops_after_ten_redirects()
    {
        var result = await _prober.GetAsync(Url("http", _server.HttpPort, "/loop"), [], Timeout, CancellationToken.None);
        Assert.Equal(ProbeOutcome.Failure, result.Outcome);
        Assert.EndsWith("stopped after 10 redirects", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpGet_sends_the_probe_headers_and_honours_Host_and_custom_ones()
    {
        var plain = await _prober.GetAsync(Url("http", _server.HttpPort, "/headers"), [], Timeout, CancellationToken.None);
        Assert.Equal($"host=127.0.0.1:{_server.HttpPort} ua=kube-probe/1.33 accept=*/* custom= conn=close", plain.Output);

        var custom = await _prober.GetAsync(Url("http", _server.HttpPort, "/headers"),
            [KeyValuePair.Create("Host", "app.example"), KeyValuePair.Create("X-Custom", "1"), KeyValuePair.Create("Accept", "")], Timeout, CancellationToken.None);
        Assert.Equal("host=app.example ua=kube-probe/1.33 accept= custom=1 conn=close", custom.Output);
    }

    [Fact]
    public async Task HttpGet_over_https_skips_certificate_verification()
    {
        var result = await _prober.GetAsync(Url("https", _server.HttpsPort, "/ok"), [], Timeout, CancellationToken.None);
        Assert.Equal(ProbeResult.Success("fine"), result);
    }

    [Fact]
    public async Task HttpGet_times_out_as_a_failure()
    {
        var result = await _prober.GetAsync(Url("http", _server.HttpPort, "/slow"), [], TimeSpan.FromMilliseconds(300), CancellationToken.None);
        Assert.Equal(ProbeOutcome.Failure, result.Outcome);
        Assert.Contains("context deadline exceeded", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpGet_to_a_closed_port_is_a_failure_naming_the_url()
    {
        var url = Url("http", ProbeTargetServer.FreePort(), "/ok");
        var result = await _prober.GetAsync(url, [], Timeout, CancellationToken.None);
        Assert.Equal(ProbeOutcome.Failure, result.Outcome);
        Assert.StartsWith($"Get \"{url}\": ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TcpSocket_succeeds_on_a_listening_port_and_fails_on_a_closed_one()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var open = ((IPEndPoint)listener.LocalEndpoint).Port;
        Assert.Equal(ProbeResult.Success(), await _prober.ConnectAsync("127.0.0.1", open, Timeout, CancellationToken.None));

        var closed = ProbeTargetServer.FreePort();
        var result = await _prober.ConnectAsync("127.0.0.1", closed, Timeout, CancellationToken.None);
        Assert.Equal(ProbeOutcome.Failure, result.Outcome);
        Assert.StartsWith($"dial tcp 127.0.0.1:{closed}: connect: ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grpc_health_check_is_success_only_when_serving()
    {
        Assert.Equal(ProbeResult.Success(), await _prober.GrpcCheckAsync("127.0.0.1", _server.GrpcPort, "", Timeout, CancellationToken.None));
        Assert.Equal(ProbeResult.Failure("service unhealthy (responded with \"NOT_SERVING\")"),
            await _prober.GrpcCheckAsync("127.0.0.1", _server.GrpcPort, "down", Timeout, CancellationToken.None));

        var closed = await _prober.GrpcCheckAsync("127.0.0.1", ProbeTargetServer.FreePort(), "", Timeout, CancellationToken.None);
        Assert.Equal(ProbeOutcome.Failure, closed.Outcome);
        Assert.StartsWith("error: failed to connect service at ", closed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_without_the_health_service_is_reported_as_such()
    {
        var result = await _prober.GrpcCheckAsync("127.0.0.1", _server.GrpcPort, "unimplemented", Timeout, CancellationToken.None);
        Assert.Equal(ProbeResult.Failure("error: this server does not implement the grpc health protocol (grpc.health.v1.Health): unknown service grpc.health.v1.Health"), result);
    }

    [Fact]
    public async Task ProbeManager_runs_httpGet_on_a_named_port_and_tcpSocket_probes_over_the_network()
    {
        await using var h = new ProbeHarness();
        var container = ProbeHarness.Container(
            "app",
            // Generous timeouts: on a loaded 2-core machine a local HTTP answer can take over the 1 s default,
            // and the fake clock never brings a second attempt.
            readiness: new V1Probe { HttpGet = new V1HTTPGetAction { Port = "web", Path = "/ok" }, TimeoutSeconds = 10 },
            liveness: new V1Probe { TcpSocket = new V1TCPSocketAction { Port = ProbeTargetServer.FreePort().ToString(CultureInfo.InvariantCulture) }, FailureThreshold = 1, TimeoutSeconds = 10 });
        container.Ports = [new V1ContainerPort { Name = "web", ContainerPort = _server.HttpPort }];
        h.Manager.Sync(ProbeHarness.Pod(container), "127.0.0.1", [h.Running("app", "c1")]);
        h.Advance(0);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (h.Get("app", "c1") != new ProbeStatus(true, true, true) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(new ProbeStatus(true, true, true), h.Get("app", "c1"));
        Assert.Contains(h.Events.Events, e => e.Reason == "Unhealthy" && e.Message.StartsWith("Liveness probe failed: dial tcp 127.0.0.1:", StringComparison.Ordinal));
    }

    private static Uri Url(string scheme, int port, string path) => new($"{scheme}://127.0.0.1:{port}{path}");
}
