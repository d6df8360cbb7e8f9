using System.IO.Pipes;
using System.Net.Sockets;
using Grpc.Core;
using Orchestrator.Kubelet.Metrics;
using Orchestrator.Kubelet.Runtime.Cri.Client;
using Orchestrator.Kubelet.Runtime.Cri.Api;

namespace Orchestrator.Kubelet.Tests.Runtime.Cri.Client;

/// <summary>CriClient against an in-test gRPC server: unix socket and named pipe transports, deadlines, metrics.</summary>
public sealed class CriClientTransportTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cri-").FullName;
    private FakeCriServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeCriServer.StartAsync(Path.Combine(_dir, "cri.sock"));

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Version_over_a_unix_socket_carries_the_default_deadline()
    {
        using var client = CriClient.Connect("unix://" + _server.SocketPath, new CriClientOptions { RuntimeRequestTimeout = TimeSpan.FromSeconds(7) });
        var version = await client.Runtime.VersionAsync(new VersionRequest { Version = "v1" });
        Assert.Equal(("fake", "v1", "v1"), (version.RuntimeName, version.RuntimeApiVersion, version.Version));

        // grpc-timeout is sent in the largest exact unit; 7 s less the time it took to send, so just under 7 s.
        var timeout = _server.Timeouts["Version"];
        Assert.NotEqual(string.Empty, timeout);
        Assert.InRange(ParseGrpcTimeout(timeout), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(7));
    }

    [Fact]
    public async Task A_deadline_given_by_the_caller_is_kept()
    {
        using var client = CriClient.Connect("unix://" + _server.SocketPath, new CriClientOptions { RuntimeRequestTimeout = TimeSpan.FromSeconds(7) });
        await client.Runtime.VersionAsync(new VersionRequest(), deadline: DateTime.UtcNow.AddSeconds(60));
        Assert.InRange(ParseGrpcTimeout(_server.Timeouts["Version"]), TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Version_over_a_named_pipe()
    {
        // A named pipe server that relays each connection to the gRPC server: the client speaks through the pipe only.
        var pipeName = "cri-test-" + Guid.NewGuid().ToString("N")[..12];
        await using var pipe = new NamedPipeServerStream(pipeName, PipeDirection.InOut, 1, PipeTransmissionMode.Byte, PipeOptions.Asynchronous);
        var relay = RelayOnceAsync(pipe, _server.SocketPath);

        using var client = CriClient.Connect($"npipe://./pipe/{pipeName}");
        var version = await client.Runtime.VersionAsync(new VersionRequest { Version = "v1" });
        Assert.Equal("fake", version.RuntimeName);
        Assert.True(pipe.IsConnected);
        client.Dispose();
        await relay.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Failed_calls_count_as_errors_and_operations()
    {
        using var client = CriClient.Connect("unix://" + _server.SocketPath);
        var (ops, errors) = (Ops("exec_sync"), Errors("exec_sync"));
        var durations = RuntimeOperationMetrics.Duration.WithLabels("exec_sync").Count;

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.Runtime.ExecSyncAsync(new ExecSyncRequest { ContainerId = "x", Timeout = 1 }));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.True(Ops("exec_sync") >= ops + 1);
        Assert.True(Errors("exec_sync") >= errors + 1);
        Assert.True(RuntimeOperationMetrics.Duration.WithLabels("exec_sync").Count >= durations + 1);

        // ExecSync's deadline is its own timeout plus the request timeout (1 s + 2 min).
        Assert.InRange(ParseGrpcTimeout(_server.Timeouts["ExecSync"]), TimeSpan.FromSeconds(115), TimeSpan.FromSeconds(121));
    }

    [Fact]
    public async Task Successful_calls_count_operations_but_no_errors()
    {
        using var client = CriClient.Connect("unix://" + _server.SocketPath);
        var (ops, errors) = (Ops("version"), Errors("version"));
        await client.Runtime.VersionAsync(new VersionRequest());
        client.Runtime.Version(new VersionRequest()); // the blocking form is intercepted too
        Assert.True(Ops("version") >= ops + 2);
        Assert.Equal(errors, Errors("version"));
    }

    [Fact]
    public async Task A_server_that_never_answers_fails_with_DeadlineExceeded_within_the_timeout()
    {
        using var client = CriClient.Connect("unix://" + _server.SocketPath, new CriClientOptions { RuntimeRequestTimeout = TimeSpan.FromMilliseconds(300) });
        var started = DateTime.UtcNow;
        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.Runtime.StatusAsync(new StatusRequest()));
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_socket_that_accepts_and_never_speaks_fails_with_DeadlineExceeded()
    {
        var path = Path.Combine(_dir, "mute.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen();
        var accepted = listener.AcceptAsync();

        using var client = CriClient.Connect("unix://" + path, new CriClientOptions { RuntimeRequestTimeout = TimeSpan.FromMilliseconds(300) });
        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.Runtime.VersionAsync(new VersionRequest()));
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        (await accepted).Dispose();
    }

    [Fact]
    public async Task No_runtime_at_the_socket_is_Unavailable()
    {
        using var client = CriClient.Connect("unix://" + Path.Combine(_dir, "absent.sock"));
        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.Runtime.VersionAsync(new VersionRequest()));
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    private static double Ops(string operation) => RuntimeOperationMetrics.Operations.WithLabels(operation).Value;

    private static double Errors(string operation) => RuntimeOperationMetrics.Errors.WithLabels(operation).Value;

    private static TimeSpan ParseGrpcTimeout(string header)
    {
        var value = long.Parse(header[..^1], System.Globalization.CultureInfo.InvariantCulture);
        return header[^1] switch
        {
            'H' => TimeSpan.FromHours(value),
            'M' => TimeSpan.FromMinutes(value),
            'S' => TimeSpan.FromSeconds(value),
            'm' => TimeSpan.FromMilliseconds(value),
            'u' => TimeSpan.FromMicroseconds(value),
            'n' => TimeSpan.FromTicks(value / 100),
            _ => throw new FormatException(header),
        };
    }

    /// <summary>Relays one pipe connection to the server's socket until either side closes (the other direction's reset on teardown is not observed).</summary>
    private static async Task RelayOnceAsync(NamedPipeServerStream pipe, string socketPath)
    {
        await pipe.WaitForConnectionAsync();
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath));
        await using var upstream = new NetworkStream(socket, ownsSocket: false);
        await Task.WhenAny(pipe.CopyToAsync(upstream), upstream.CopyToAsync(pipe));
    }
}
