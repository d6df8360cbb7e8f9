using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Orchestrator.Kubelet.Runtime.Cri.Client;
using Orchestrator.Kubelet.Server;
using Orchestrator.Kubelet.Tests.Runtime.Containerd;
using Orchestrator.Kubelet.Tests.Runtime.Cri;
using Orchestrator.Testing;

namespace Orchestrator.Kubelet.Tests.Server;

/// <summary>The kubelet server on <see cref="CriStreamingRuntime"/> against a real containerd, with pods made through CRI.</summary>
[Collection(ContainerdCollection.Name)]
public sealed class CriStreamingTests(ContainerdFixture fixture) : IAsyncLifetime
{
    // Generous: the shared machine can be very loaded; a passing run takes a few seconds.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _root = Directory.CreateTempSubdirectory("kubelet-root-").FullName;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private CriClient _cri = null!;
    private KubeletServer _server = null!;

    private string Base => $"http://127.0.0.1:{_server.Port}";

    public async Task InitializeAsync()
    {
        _cri = CriClient.Connect(fixture.Endpoint);
        _server = new KubeletServer(
            new CriStreamingRuntime(_cri.Runtime),
            new KubeletServerOptions { BindAddress = IPAddress.Loopback, Port = 0, LogPollInterval = TimeSpan.FromMilliseconds(20), LogRunningCheckInterval = TimeSpan.FromMilliseconds(100) });
        await _server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
        _cri.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Logs_are_read_followed_until_the_container_exits_and_kept_for_previous()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var ct = timeout.Token;
        await using var pod = await CriTestPod.RunAsync(_cri.Runtime, fixture, _root, "ns1", "logs");
        var main = await pod.StartContainerAsync(fixture.BusyboxImage, "main", 0, "sh", "-c",
            "echo start; echo oops >&2; while [ ! -e /tmp/exit ]; do if [ -e /tmp/say ]; then cat /tmp/say; rm /tmp/say; fi; usleep 20000; done; echo done");

        using var response = await _http.GetAsync($"{Base}/containerLogs/ns1/logs/main?follow=true", HttpCompletionOption.ResponseHeadersRead, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var follow = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        var seen = new List<string>();
        await ReadUntilAsync(follow, seen, "start", ct);

        await pod.ExecSyncAsync(main, "sh", "-c", "echo hello > /tmp/s && mv /tmp/s /tmp/say");
        await ReadUntilAsync(follow, seen, "hello", ct);

        await pod.ExecSyncAsync(main, "touch", "/tmp/exit");
        seen.AddRange((await follow.ReadToEndAsync(ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["start", "hello", "done"], seen.Where(l => l != "oops"));
        Assert.Contains("oops", seen);

        var last = await _http.GetStringAsync($"{Base}/containerLogs/ns1/logs/main?timestamps=true&tailLines=1", ct);
        Assert.Matches(new Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d) done\n$"), last);

        // A restart: the new instance is the log, the exited one is "previous".
        await pod.WaitExitedAsync(main, Timeout);
        var second = await pod.StartContainerAsync(fixture.BusyboxImage, "main", 1, "echo", "second");
        await pod.WaitExitedAsync(second, Timeout);
        Assert.Equal("second\n", await _http.GetStringAsync($"{Base}/containerLogs/ns1/logs/main", ct));
        var previous = await _http.GetStringAsync($"{Base}/containerLogs/ns1/logs/main?previous=true&limitBytes=6", ct);
        Assert.True(previous is "start\n" or "oops\ns", previous);
    }

    [Fact]
    public async Task Missing_pods_and_containers_get_upstream_answers()
    {
        (string Path, HttpStatusCode Status, string Message)[] cases =
        [
            ("/containerLogs/ns1/nosuchpod/main", HttpStatusCode.NotFound, "pod does not exist"),
            ("/containerLogs/ns1/lookup/nosuch", HttpStatusCode.BadRequest, "container \"nosuch\" in pod \"lookup\" is waiting to start: ContainerCreating"),
            ("/containerLogs/ns1/lookup/main?previous=true", HttpStatusCode.BadRequest, "previous terminated container \"main\" in pod \"lookup\" not found"),
            ("/exec/ns1/lookup/nosuch?command=ls&output=1", HttpStatusCode.NotFound, "container not found (\"nosuch\")"),
            ("/exec/ns2/lookup/main?command=ls&output=1", HttpStatusCode.NotFound, "pod does not exist"),
            ("/portForward/ns1/nosuchpod", HttpStatusCode.NotFound, "pod does not exist"),
        ];
        await using var pod = await CriTestPod.RunAsync(_cri.Runtime, fixture, _root, "ns1", "lookup");
        await pod.StartContainerAsync(fixture.BusyboxImage, "main", 0, "sleep", "3600");
        foreach (var (path, status, message) in cases)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Base + path);
            request.Headers.Connection.Add("Upgrade");
            request.Headers.Upgrade.Add(new System.Net.Http.Headers.ProductHeaderValue("SPDY", "3.1"));
            using var response = await _http.SendAsync(request);
            Assert.Equal((path, status, message), (path, response.StatusCode, await response.Content.ReadAsStringAsync()));
        }
    }

    [Fact]
    public async Task Exec_over_WebSocket_v4_returns_output_and_exit_status()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var ct = timeout.Token;
        await using var pod = await CriTestPod.RunAsync(_cri.Runtime, fixture, _root, "ns1", "exec-pod");
        await pod.StartContainerAsync(fixture.BusyboxImage, "main", 0, "sleep", "3600");

        using (var exec = await ChannelWebSocket.ConnectAsync(new Uri($"ws://127.0.0.1:{_server.Port}/exec/ns1/exec-pod/main?command=cat&command=/etc/hostname&output=1&error=1"), ct))
        {
            Assert.Equal(ChannelWebSocket.Protocol, exec.SubProtocol);
            var channels = await exec.ReadToCloseAsync(ct);
            Assert.Equal("exec-pod\n", channels[1]);
            Assert.Equal("Success", JsonDocument.Parse(channels[3]).RootElement.GetProperty("status").GetString());
        }

        using (var failing = await ChannelWebSocket.ConnectAsync(new Uri($"ws://127.0.0.1:{_server.Port}/exec/ns1/exec-pod/main?command=sh&command=-c&command=echo+no+>%262;+exit+3&output=1&error=1"), ct))
        {
            var channels = await failing.ReadToCloseAsync(ct);
            Assert.Equal("no\n", channels[2]);
            var status = JsonDocument.Parse(channels[3]).RootElement;
            Assert.Equal(("Failure", "NonZeroExitCode"), (status.GetProperty("status").GetString(), status.GetProperty("reason").GetString()));
            var cause = status.GetProperty("details").GetProperty("causes")[0];
            Assert.Equal(("ExitCode", "3"), (cause.GetProperty("reason").GetString(), cause.GetProperty("message").GetString()));
        }

        using (var stdin = await ChannelWebSocket.ConnectAsync(new Uri($"ws://127.0.0.1:{_server.Port}/exec/ns1/exec-pod/main?command=head&command=-c&command=5&input=1&output=1"), ct))
        {
            await stdin.SendAsync(0, "abcdefgh", ct);
            var channels = await stdin.ReadToCloseAsync(ct);
            Assert.Equal("abcde", channels[1]);
        }

        // kubectl ≤ 1.29's SPDY upgrade (a POST) is relayed to containerd, which switches protocols.
        using var spdy = await RawHttpClient.ConnectAsync(_server.Port);
        await spdy.SendAsync(
            "POST /exec/ns1/exec-pod/main?command=true&output=1 HTTP/1.1\r\nHost: node\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n" +
            "X-Stream-Protocol-Version: v4.channel.k8s.io\r\nX-Stream-Protocol-Version: channel.k8s.io\r\nContent-Length: 0\r\n\r\n");
        var head = await spdy.ReadHeadAsync().WaitAsync(ct);
        Assert.StartsWith("HTTP/1.1 101 ", head, StringComparison.Ordinal);
        Assert.Contains("Upgrade: SPDY/3.1\r\n", head, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("X-Stream-Protocol-Version: v4.channel.k8s.io\r\n", head, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Attach_over_WebSocket_v4_reaches_the_main_process()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var ct = timeout.Token;
        await using var pod = await CriTestPod.RunAsync(_cri.Runtime, fixture, _root, "ns1", "attach-pod");
        await pod.StartContainerAsync(fixture.BusyboxImage, "main", 0, stdin: true, "sh", "-c", "read line; echo \"got $line\"");

        using var attach = await ChannelWebSocket.ConnectAsync(new Uri($"ws://127.0.0.1:{_server.Port}/attach/ns1/attach-pod/main?input=1&output=1&error=1"), ct);
        await attach.SendAsync(0, "hello\n", ct);
        var channels = await attach.ReadToCloseAsync(ct);
        Assert.Equal("got hello\n", channels[1]);
        Assert.Equal("Success", JsonDocument.Parse(channels[3]).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task PortForward_over_WebSocket_reaches_a_server_in_the_pod()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var ct = timeout.Token;
        await using var pod = await CriTestPod.RunAsync(_cri.Runtime, fixture, _root, "ns1", "web");
        await pod.StartContainerAsync(fixture.BusyboxImage, "httpd", 0, "httpd", "-f", "-p", "8080", "-h", "/www");
        await WaitServingAsync($"http://{pod.Ip}:8080/", ct);

        using var forward = await ChannelWebSocket.ConnectAsync(new Uri($"ws://127.0.0.1:{_server.Port}/portForward/ns1/web?port=8080"), ct);
        // First, on the data and the error channel: the port, little-endian.
        Assert.Equal("0:90-1F", Unpack(await forward.ReceiveAsync(ct)));
        Assert.Equal("1:90-1F", Unpack(await forward.ReceiveAsync(ct)));

        await forward.SendAsync(0, "GET / HTTP/1.0\r\nHost: web\r\n\r\n", ct);
        var body = new StringBuilder();
        while (!body.ToString().Contains("hello from busybox httpd", StringComparison.Ordinal) && await forward.ReceiveAsync(ct) is { } message)
        {
            Assert.Equal(0, message.Channel);
            body.Append(Encoding.ASCII.GetString(message.Data));
        }

        Assert.Matches(new Regex(@"^HTTP/1\.[01] 200 OK\r\n"), body.ToString());
    }

    private static string Unpack((byte Channel, byte[] Data)? message) =>
        message is { } m ? $"{m.Channel}:{BitConverter.ToString(m.Data)}" : throw new EndOfStreamException("closed");

    private static async Task ReadUntilAsync(StreamReader reader, List<string> seen, string line, CancellationToken ct)
    {
        while (!seen.Contains(line))
        {
            seen.Add(await reader.ReadLineAsync(ct) ?? throw new EndOfStreamException($"the log ended before \"{line}\"; saw {string.Join("|", seen)}"));
        }
    }

    private async Task WaitServingAsync(string url, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                using var response = await _http.GetAsync(url, ct);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(20, ct);
        }
    }
}
