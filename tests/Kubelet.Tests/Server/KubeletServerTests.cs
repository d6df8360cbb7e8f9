using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Kubelet.Metrics;
using Orchestrator.Kubelet.Server;
using Orchestrator.Testing;

namespace Orchestrator.Kubelet.Tests.Server;

/// <summary>The kubelet server with a fake runtime whose streaming URLs point at in-test upgrade servers.</summary>
public sealed class KubeletServerTests : IAsyncLifetime
{
    private readonly FakeStreamingRuntime _runtime = new();
    private readonly HttpClient _http = new();
    private KubeletServer _server = null!;

    private string Base => $"http://127.0.0.1:{_server.Port}";

    public async Task InitializeAsync()
    {
        _server = new KubeletServer(_runtime, new KubeletServerOptions { BindAddress = IPAddress.Loopback, Port = 0 });
        await _server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Healthz_answers_ok()
    {
        Assert.NotEqual(0, _server.Port);
        Assert.Equal("ok", await _http.GetStringAsync($"{Base}/healthz"));
    }

    [Fact]
    public async Task Metrics_serves_the_process_registry_in_the_prometheus_text_format()
    {
        RuntimeOperationMetrics.Record("version", TimeSpan.FromMilliseconds(2), failed: false);

        using var response = await _http.GetAsync($"{Base}/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var samples = PrometheusText.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(samples, s => s.Name == "kubelet_runtime_operations_total" && s.Has(("operation_type", "version")) && s.Value >= 1);
    }

    [Fact]
    public async Task ContainerLogs_streams_the_file_as_plain_text()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, "2026-01-01T00:00:01Z stdout F one\n2026-01-01T00:00:02Z stderr F two\n");
            _runtime.Log = new ContainerLogLocation(path, "c1", Running: false);
            using var response = await _http.GetAsync($"{Base}/containerLogs/ns1/pod1/web?timestamps=true&tailLines=1&previous=true");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("2026-01-01T00:00:02Z two\n", await response.Content.ReadAsStringAsync());
            Assert.Contains(("ns1", "pod1", "web", true), _runtime.Requests.OfType<(string, string, string, bool)>());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Stopping_ends_followed_logs_and_relayed_streams()
    {
        var path = Path.GetTempFileName();
        await using var backend = new UpgradeEchoServer();
        try
        {
            await File.WriteAllTextAsync(path, "2026-01-01T00:00:01Z stdout F one\n");
            _runtime.Log = new ContainerLogLocation(path, "c1", Running: true);
            _runtime.Running = true;
            _runtime.StreamUrl = backend.Url("/attach/T");
            using var response = await _http.GetAsync($"{Base}/containerLogs/ns/pod/web?follow=true", HttpCompletionOption.ResponseHeadersRead);
            using var follow = new StreamReader(await response.Content.ReadAsStreamAsync());
            Assert.Equal("one", await follow.ReadLineAsync());
            using var attach = await RawHttpClient.ConnectAsync(_server.Port);
            await attach.SendAsync("POST /attach/ns/pod/web?output=1 HTTP/1.1\r\nHost: node\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nContent-Length: 0\r\n\r\n");
            Assert.StartsWith("HTTP/1.1 101 ", await attach.ReadHeadAsync(), StringComparison.Ordinal);

            await _server.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Null(await follow.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)));
            await backend.ClientGone.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("/containerLogs/ns/pod/missing", HttpStatusCode.NotFound, "container not found (\"missing\")")]
    [InlineData("/containerLogs/ns/pod/web?tailLines=-1", HttpStatusCode.UnprocessableEntity, "tailLines must be greater than or equal to 0")]
    [InlineData("/exec/ns/pod/web?command=ls&output=1", HttpStatusCode.BadRequest, "Upgrade request required")]
    public async Task Errors_are_plain_text_with_upstream_statuses(string path, HttpStatusCode status, string message)
    {
        using var response = await _http.GetAsync(Base + path);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Exec_relays_a_SPDY_upgrade_byte_for_byte()
    {
        await using var backend = new UpgradeEchoServer();
        _runtime.StreamUrl = backend.Url("/exec/Token123");
        using var client = await RawHttpClient.ConnectAsync(_server.Port);
        await client.SendAsync(
            "POST /exec/ns1/pod1/web?command=sh&command=-c&command=echo+hi&input=1&output=1&error=1&tty=0 HTTP/1.1\r\n" +
            "Host: node\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n" +
            "X-Stream-Protocol-Version: v4.channel.k8s.io\r\nX-Stream-Protocol-Version: v3.channel.k8s.io\r\n" +
            "X-Stream-Protocol-Version: channel.k8s.io\r\nContent-Length: 0\r\nX-Unrelated: dropped\r\n\r\n");

        var head = await client.ReadHeadAsync();
        Assert.StartsWith("HTTP/1.1 101 ", head, StringComparison.Ordinal);
        Assert.Contains("Upgrade: SPDY/3.1\r\n", head, StringComparison.Ordinal);
        Assert.Contains("Connection: Upgrade\r\n", head, StringComparison.Ordinal);
        Assert.Contains("X-Stream-Protocol-Version: v4.channel.k8s.io\r\n", head, StringComparison.Ordinal);

        var forwarded = await backend.RequestHead.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.StartsWith("POST /exec/Token123 HTTP/1.1\r\n", forwarded, StringComparison.Ordinal);
        Assert.Contains("Upgrade: SPDY/3.1\r\n", forwarded, StringComparison.Ordinal);
        Assert.Contains("X-Stream-Protocol-Version: v4.channel.k8s.io\r\nX-Stream-Protocol-Version: v3.channel.k8s.io\r\nX-Stream-Protocol-Version: channel.k8s.io\r\n", forwarded, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Unrelated", forwarded, StringComparison.Ordinal);

        var exec = Assert.IsType<ExecRequest>(Assert.Single(_runtime.Requests));
        Assert.Equal(["sh", "-c", "echo hi"], exec.Command);
        Assert.Equal(new ExecRequest("ns1", "pod1", "web", exec.Command, Tty: false, Stdin: true, Stdout: true, Stderr: true), exec);

        // Bytes both ways: the greeting sent right behind the 101, the echo, and the server's close.
        Assert.Equal("hello:", await client.ReadExactlyAsync(6));
        var payload = new string('z', 100_000);
        await client.SendAsync(payload);
        Assert.Equal(payload, await client.ReadExactlyAsync(payload.Length));
        await client.SendAsync("quit");
        Assert.Equal("quit:bye", await client.ReadToEndAsync());
    }

    [Fact]
    public async Task The_runtime_side_is_closed_when_the_client_goes_away()
    {
        await using var backend = new UpgradeEchoServer();
        _runtime.StreamUrl = backend.Url("/exec/T");
        using (var client = await RawHttpClient.ConnectAsync(_server.Port))
        {
            await client.SendAsync("GET /exec/ns/pod/web?command=sh&input=1 HTTP/1.1\r\nHost: node\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n\r\n");
            Assert.StartsWith("HTTP/1.1 101 ", await client.ReadHeadAsync(), StringComparison.Ordinal);
            Assert.Equal("hello:", await client.ReadExactlyAsync(6));
        }

        await backend.ClientGone.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 12\r\n\r\nmissing port", 400, "missing port")]
    [InlineData("HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n5\r\ntoken\r\n8\r\n expired\r\n0\r\n\r\n", 403, "token expired")]
    [InlineData("HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\n\r\nno such session", 404, "no such session")]
    public async Task Non_101_answers_pass_through(string raw, int status, string body)
    {
        await using var backend = new UpgradeEchoServer(raw);
        _runtime.StreamUrl = backend.Url("/portforward/abc");
        using var client = await RawHttpClient.ConnectAsync(_server.Port);
        await client.SendAsync("POST /portForward/ns1/pod1?port=8080&port=9090 HTTP/1.1\r\nHost: node\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: portforward.k8s.io\r\nContent-Length: 0\r\n\r\n");
        var head = await client.ReadHeadAsync();
        Assert.StartsWith($"HTTP/1.1 {status} ", head, StringComparison.Ordinal);
        Assert.Contains("Content-Type: text/plain\r\n", head, StringComparison.Ordinal);
        Assert.Equal(raw.Contains("Content-Length", StringComparison.Ordinal), head.Contains($"Content-Length: {body.Length}\r\n", StringComparison.Ordinal));
        Assert.Contains(body, await ReadBodyAsync(client, head), StringComparison.Ordinal);
        Assert.Equal(("ns1", "pod1", "8080,9090"), Assert.Single(_runtime.Requests));
    }

    [Fact]
    public async Task Attach_relays_a_WebSocket_upgrade()
    {
        await using var backend = await WebSocketEchoBackend.StartAsync();
        _runtime.StreamUrl = new Uri(backend.Address, "/attach/Token9");
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("v4.channel.k8s.io");
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{_server.Port}/attach/ns1/pod1/web?input=1&output=1&tty=1&error=1"), CancellationToken.None);
        Assert.Equal("v4.channel.k8s.io", socket.SubProtocol);

        await socket.SendAsync("\0ping"u8.ToArray(), WebSocketMessageType.Binary, true, CancellationToken.None);
        var buffer = new byte[64];
        var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
        Assert.Equal("\u0001ping", Encoding.ASCII.GetString(buffer, 0, received.Count));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);

        Assert.Equal("/attach/Token9", await backend.Path.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(new AttachRequest("ns1", "pod1", "web", Tty: true, Stdin: true, Stdout: true, Stderr: false), Assert.Single(_runtime.Requests));
    }

    [Theory]
    [InlineData("/exec/ns/pod/web?command=ls", HttpStatusCode.BadRequest, "you must specify at least 1 of stdin, stdout, stderr")]
    [InlineData("/exec/ns/pod/web?output=1", HttpStatusCode.BadRequest, "you must specify a command to execute (query parameter command)")]
    [InlineData("/portForward/ns/pod?port=0", HttpStatusCode.BadRequest, "invalid port \"0\": want 1-65535")]
    public async Task Invalid_streaming_queries_are_refused(string path, HttpStatusCode status, string message)
    {
        using var client = await RawHttpClient.ConnectAsync(_server.Port);
        await client.SendAsync($"POST {path} HTTP/1.1\r\nHost: node\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nContent-Length: 0\r\n\r\n");
        var head = await client.ReadHeadAsync();
        Assert.StartsWith($"HTTP/1.1 {(int)status} ", head, StringComparison.Ordinal);
        Assert.Equal(message, await ReadBodyAsync(client, head));
        Assert.Empty(_runtime.Requests);
    }

    [Fact]
    public async Task A_hollow_node_says_why_it_cannot_stream()
    {
        await using var hollow = new KubeletServer(new NotSupportedStreamingRuntime(), new KubeletServerOptions { BindAddress = IPAddress.Loopback, Port = 0 });
        await hollow.StartAsync();
        using var logs = await _http.GetAsync($"http://127.0.0.1:{hollow.Port}/containerLogs/ns/pod/web");
        Assert.Equal(HttpStatusCode.BadRequest, logs.StatusCode);
        Assert.Contains("hollow", await logs.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var client = await RawHttpClient.ConnectAsync(hollow.Port);
        await client.SendAsync("POST /exec/ns/pod/web?command=ls&output=1 HTTP/1.1\r\nHost: node\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nContent-Length: 0\r\n\r\n");
        var head = await client.ReadHeadAsync();
        Assert.StartsWith("HTTP/1.1 501 ", head, StringComparison.Ordinal);
        Assert.Equal("exec is not supported: this node's runtime is hollow: its pods run no processes", await ReadBodyAsync(client, head));
    }

    /// <summary>Reads a response body by its Content-Length, or to the end for a chunked one (Kestrel closes it).</summary>
    private static async Task<string> ReadBodyAsync(RawHttpClient client, string head)
    {
        var match = System.Text.RegularExpressions.Regex.Match(head, "Content-Length: (\\d+)\r\n", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        if (match.Success)
        {
            return await client.ReadExactlyAsync(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        // Chunked: read chunks until the zero chunk.
        var body = new StringBuilder();
        while (true)
        {
            var sizeLine = await ReadLineAsync(client);
            var size = Convert.ToInt32(sizeLine, 16);
            if (size == 0)
            {
                return body.ToString();
            }

            body.Append(await client.ReadExactlyAsync(size));
            await ReadLineAsync(client);
        }
    }

    private static async Task<string> ReadLineAsync(RawHttpClient client)
    {
        var line = new StringBuilder();
        while (!line.ToString().EndsWith("\r\n", StringComparison.Ordinal))
        {
            line.Append(await client.ReadExactlyAsync(1));
        }

        return line.ToString().TrimEnd();
    }

    /// <summary>A real WebSocket server (Kestrel) standing in for the runtime's streaming server: echoes with channel 0 → 1.</summary>
    private sealed class WebSocketEchoBackend : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private WebSocketEchoBackend(WebApplication app, Uri address)
        {
            _app = app;
            Address = address;
        }

        public Uri Address { get; }

        public TaskCompletionSource<string> Path { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public static async Task<WebSocketEchoBackend> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            WebSocketEchoBackend? self = null;
            app.UseWebSockets();
            app.Run(async context =>
            {
                self!.Path.TrySetResult(context.Request.Path);
                using var socket = await context.WebSockets.AcceptWebSocketAsync(context.WebSockets.WebSocketRequestedProtocols[0]);
                var buffer = new byte[1024];
                while (true)
                {
                    var message = await socket.ReceiveAsync(buffer, context.RequestAborted);
                    if (message.MessageType == WebSocketMessageType.Close)
                    {
                        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", context.RequestAborted);
                        return;
                    }

                    buffer[0] = 1;
                    await socket.SendAsync(buffer.AsMemory(0, message.Count), WebSocketMessageType.Binary, true, context.RequestAborted);
                }
            });
            await app.StartAsync();
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            self = new WebSocketEchoBackend(app, address);
            return self;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
