using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Orchestrator.Kubelet.Tests.Server;

/// <summary>
/// A stand-in for the runtime's streaming server on a loopback port: it records each request head,
/// then either switches protocols (101 with SPDY-style headers) and echoes bytes — closing after
/// echoing "quit", or when the client goes away — or answers with a fixed raw response.
/// </summary>
internal sealed class UpgradeEchoServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public UpgradeEchoServer(string? rawResponse = null)
    {
        RawResponse = rawResponse;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>When set, the bytes sent instead of a 101 (then the connection is closed).</summary>
    public string? RawResponse { get; }

    public TaskCompletionSource<string> RequestHead { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the relayed connection reaches its end from the client's side.</summary>
    public TaskCompletionSource ClientGone { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Uri Url(string pathAndQuery) => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}{pathAndQuery}");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                await ServeAsync(client);
            }
        }
        // InvalidOperationException: the listener was stopped between two accepts ("Not listening").
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        var stream = client.GetStream();
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one, _stop.Token) == 1)
        {
            head.Append((char)one[0]);
        }

        RequestHead.TrySetResult(head.ToString());
        if (RawResponse is not null)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(RawResponse), _stop.Token);
            return;
        }

        // Upgrade, send a greeting right behind the head (it must reach the client too), then echo.
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: v4.channel.k8s.io\r\n\r\nhello:"), _stop.Token);
        var buffer = new byte[4096];
        int read;
        while ((read = await stream.ReadAsync(buffer, _stop.Token)) > 0)
        {
            await stream.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            if (buffer.AsSpan(0, read).EndsWith("quit"u8))
            {
                await stream.WriteAsync(":bye"u8.ToArray(), _stop.Token);
                client.Client.Shutdown(SocketShutdown.Both);
                return;
            }
        }

        ClientGone.TrySetResult();
    }
}
