using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;

namespace Orchestrator.Streaming.Tests;

/// <summary>The upgrade transport against a hand-driven peer on a loopback port.</summary>
public sealed class UpgradeConnectionTests : IDisposable
{
    private readonly TcpListener _peer = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(20));

    public UpgradeConnectionTests() => _peer.Start();

    private int Port => ((IPEndPoint)_peer.LocalEndpoint).Port;

    private CancellationToken Token => _timeout.Token;

    public void Dispose()
    {
        _peer.Stop();
        _timeout.Dispose();
    }

    [Fact]
    public async Task Sends_the_request_head_as_given_and_reads_the_answer_and_the_bytes_after_it()
    {
        var peer = AnswerAsync("HTTP/1.1 101 Switching Protocols\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: v4.channel.k8s.io\r\n\r\nfirst");
        KeyValuePair<string, string>[] headers = [new("Connection", "Upgrade"), new("Upgrade", "SPDY/3.1"), new("X-Stream-Protocol-Version", "v4.channel.k8s.io")];

        await using var upgrade = await UpgradeConnection.OpenAsync("127.0.0.1", Port, "kubelet:10250", "POST", "/exec/ns/pod/c?command=ls", headers, tls: null, Token);

        Assert.True(upgrade.Upgraded);
        Assert.Equal("v4.channel.k8s.io", upgrade.Head.Header("X-Stream-Protocol-Version"));
        Assert.Equal("first", await ReadAsync(upgrade.Connection, 5));
        Assert.Equal(
            "POST /exec/ns/pod/c?command=ls HTTP/1.1\r\nHost: kubelet:10250\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: v4.channel.k8s.io\r\n\r\n",
            await peer);
    }

    [Fact]
    public async Task Any_other_answer_leaves_its_body_on_the_connection()
    {
        _ = AnswerAsync("HTTP/1.1 400 Bad Request\r\nContent-Length: 10\r\n\r\nno upgrade");

        await using var upgrade = await UpgradeConnection.OpenAsync("127.0.0.1", Port, "x", "GET", "/", [], tls: null, Token);

        Assert.False(upgrade.Upgraded);
        Assert.Equal(400, upgrade.Head.StatusCode);
        Assert.Equal("no upgrade", await ReadAsync(upgrade.Connection, 10));
    }

    [Fact]
    public async Task An_unreachable_peer_fails_with_a_socket_error()
    {
        var port = Port;
        _peer.Stop();

        await Assert.ThrowsAsync<SocketException>(() => UpgradeConnection.OpenAsync("127.0.0.1", port, "x", "GET", "/", [], tls: null, Token));
    }

    [Fact]
    public async Task A_peer_closing_before_answering_is_an_io_error()
    {
        _ = AcceptAsync(socket => socket.Shutdown(SocketShutdown.Both));

        await Assert.ThrowsAsync<IOException>(() => UpgradeConnection.OpenAsync("127.0.0.1", Port, "x", "GET", "/", [], tls: null, Token));
    }

    [Fact]
    public async Task Relays_both_ways_half_closes_the_peer_when_the_client_ends_and_ends_when_the_peer_does()
    {
        var peerSawEnd = new TaskCompletionSource<string>();
        _ = AcceptAsync(async socket =>
        {
            await using var stream = new NetworkStream(socket);
            await ReadHeadAsync(stream);
            await stream.WriteAsync("HTTP/1.1 101 Switching Protocols\r\n\r\n"u8.ToArray(), Token);
            var received = await ReadToEndAsync(stream);
            peerSawEnd.SetResult(received);
            await stream.WriteAsync(Encoding.Latin1.GetBytes("got " + received), Token);
        });
        using var client = await SocketPair.ConnectAsync();
        await using var upgrade = await UpgradeConnection.OpenAsync("127.0.0.1", Port, "x", "POST", "/", [], tls: null, Token);
        await using var clientSide = new NetworkStream(client.Far);
        await using var near = new NetworkStream(client.Near);

        var relay = upgrade.RelayAsync(clientSide, NullLogger.Instance, Token);
        await client.Near.SendAsync("ping"u8.ToArray(), Token);
        client.Near.Shutdown(SocketShutdown.Send);

        Assert.Equal("ping", await peerSawEnd.Task.WaitAsync(Token));
        await relay.WaitAsync(Token);
        client.Far.Shutdown(SocketShutdown.Send);
        Assert.Equal("got ping", await ReadToEndAsync(near));
    }

    [Fact]
    public async Task Cancellation_ends_the_relay()
    {
        _ = AcceptAsync(async socket =>
        {
            await using var stream = new NetworkStream(socket);
            await ReadHeadAsync(stream);
            await stream.WriteAsync("HTTP/1.1 101 Switching Protocols\r\n\r\n"u8.ToArray(), Token);
            await ReadToEndAsync(stream);
        });
        using var client = await SocketPair.ConnectAsync();
        await using var upgrade = await UpgradeConnection.OpenAsync("127.0.0.1", Port, "x", "POST", "/", [], tls: null, Token);
        await using var clientSide = new NetworkStream(client.Far);
        using var cancel = new CancellationTokenSource();

        var relay = upgrade.RelayAsync(clientSide, NullLogger.Instance, cancel.Token);
        await cancel.CancelAsync();

        await relay.WaitAsync(Token);
    }

    /// <summary>Accepts one connection, reads its request head, sends <paramref name="answer"/>; returns the head.</summary>
    private async Task<string> AnswerAsync(string answer)
    {
        using var socket = await _peer.AcceptSocketAsync(Token);
        await using var stream = new NetworkStream(socket);
        var head = await ReadHeadAsync(stream);
        await stream.WriteAsync(Encoding.Latin1.GetBytes(answer), Token);
        return head;
    }

    private async Task AcceptAsync(Func<Socket, Task> serve)
    {
        using var socket = await _peer.AcceptSocketAsync(Token);
        await serve(socket);
    }

    private Task AcceptAsync(Action<Socket> serve) => AcceptAsync(socket =>
    {
        serve(socket);
        return Task.CompletedTask;
    });

    private async Task<string> ReadHeadAsync(Stream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one, Token) == 1)
        {
            head.Append((char)one[0]);
        }

        return head.ToString();
    }

    private async Task<string> ReadAsync(Stream stream, int count)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer, Token);
        return Encoding.Latin1.GetString(buffer);
    }

    private async Task<string> ReadToEndAsync(Stream stream)
    {
        using var all = new MemoryStream();
        await stream.CopyToAsync(all, Token);
        return Encoding.Latin1.GetString(all.ToArray());
    }
}
