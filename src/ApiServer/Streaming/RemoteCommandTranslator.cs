using System.IO.Pipelines;
using System.Net.WebSockets;
using Orchestrator.ApiMachinery.Http;
using Orchestrator.ApiServer.Streaming.Spdy;

namespace Orchestrator.ApiServer.Streaming;

/// <summary>
/// exec/attach for WebSocket clients speaking <c>v5.channel.k8s.io</c> (kubectl ≥ 1.30), which the
/// kubelet does not speak: accepts the WebSocket, opens SPDY/3.1 remote command v4 to the kubelet,
/// and maps channels to streams (0 stdin, 1 stdout, 2 stderr, 4 resize, 255 close signal), then
/// sends the outcome as a Status on channel 3 and closes — upstream's StreamTranslatorHandler.
/// </summary>
internal sealed partial class RemoteCommandTranslator(ILogger<RemoteCommandTranslator> logger)
{
    /// <summary>How long to wait for the client's close frame after ours.</summary>
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>True for a WebSocket request offering v5 (upstream's IsWebSocketRequestWithStreamCloseProtocol).</summary>
    public static bool Applies(HttpContext context) =>
        context.WebSockets.IsWebSocketRequest && context.WebSockets.WebSocketRequestedProtocols.Contains(StreamProtocols.RemoteCommandV5);

    public async Task TranslateAsync(HttpContext context, KubeletEndpoint kubelet, string pathAndQuery, RemoteCommandOptions options)
    {
        var aborted = context.RequestAborted;
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { SubProtocol = StreamProtocols.RemoteCommandV5 });
        using var sender = new WebSocketChannelSender(socket);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted);

        // Tells the client the connection is up: an empty message on the lowest channel it reads.
        var first = options.Stdout ? StreamProtocols.StdoutChannel : options.Stderr ? StreamProtocols.StderrChannel : StreamProtocols.ErrorChannel;
        await sender.SendAsync(first, ReadOnlyMemory<byte>.Empty, aborted);

        var streams = new ClientStreams();
        var receiving = ReceiveAsync(socket, streams, stop.Token);
        JsonObject status;
        try
        {
            status = await RunAsync(sender, kubelet, pathAndQuery, options, streams, stop.Token);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or TimeoutException or System.Net.Sockets.SocketException)
        {
            LogFailed(logger, pathAndQuery, e);
            status = ExecStatus.InternalError(e.Message);
        }
        finally
        {
            // Whatever happened, the receiver stops waiting for streams (none left means messages are dropped).
            streams.Ready.TrySetResult();
        }

        try
        {
            await sender.SendAsync(StreamProtocols.ErrorChannel, JsonSerializer.SerializeToUtf8Bytes(status), aborted);
            await sender.CloseAsync(aborted);
            await receiving.WaitAsync(CloseHandshakeTimeout, aborted);
        }
        catch (Exception e) when (e is WebSocketException or TimeoutException or OperationCanceledException)
        {
            // The client left without the close handshake; nothing more to tell it.
        }
        finally
        {
            await stop.CancelAsync();
        }
    }

    private async Task<JsonObject> RunAsync(
        WebSocketChannelSender sender, KubeletEndpoint kubelet, string pathAndQuery, RemoteCommandOptions options, ClientStreams streams, CancellationToken cancellationToken)
    {
        KeyValuePair<string, string>[] headers =
        [
            new("Connection", "Upgrade"),
            new("Upgrade", StreamProtocols.Spdy31),
            new(StreamProtocols.VersionHeader, StreamProtocols.RemoteCommandV4),
            new("Content-Length", "0"),
        ];
        await using var upstream = await kubelet.OpenUpgradeAsync("POST", pathAndQuery, headers, cancellationToken);
        if (!upstream.Upgraded)
        {
            var body = await HttpBody.ReadAsync(upstream.Head, upstream.Connection, cancellationToken);
            return ExecStatus.UpgradeRefused(upstream.Head.StatusCode, Encoding.UTF8.GetString(body));
        }

        await using var spdy = new SpdyClientConnection(upstream.Connection, logger);

        // upstream's v2/v3 stream creation order: error first, then stdin, stdout, stderr (not with a tty), resize (tty).
        var error = await spdy.OpenStreamAsync(StreamType("error"), cancellationToken);
        var errorContent = ReadAllAsync(error.Input, cancellationToken);
        streams.Stdin = options.Stdin ? await spdy.OpenStreamAsync(StreamType("stdin"), cancellationToken) : null;
        var stdout = options.Stdout ? await spdy.OpenStreamAsync(StreamType("stdout"), cancellationToken) : null;
        var stderr = options.Stderr && !options.Tty ? await spdy.OpenStreamAsync(StreamType("stderr"), cancellationToken) : null;
        streams.Resize = options.Tty ? await spdy.OpenStreamAsync(StreamType("resize"), cancellationToken) : null;
        streams.Ready.TrySetResult();

        await Task.WhenAll(
            PumpAsync(stdout, StreamProtocols.StdoutChannel, sender, cancellationToken),
            PumpAsync(stderr, StreamProtocols.StderrChannel, sender, cancellationToken));
        return ExecStatus.FromErrorStream(await errorContent);
    }

    private static KeyValuePair<string, string>[] StreamType(string type) => [new("streamType", type)];

    /// <summary>Copies a stream's output into WebSocket messages on <paramref name="channel"/> until the kubelet ends it.</summary>
    private static async Task PumpAsync(SpdyStream? stream, byte channel, WebSocketChannelSender sender, CancellationToken cancellationToken)
    {
        if (stream is null)
        {
            return;
        }

        try
        {
            while (true)
            {
                var read = await stream.Input.ReadAsync(cancellationToken);
                foreach (var segment in read.Buffer)
                {
                    await sender.SendAsync(channel, segment, cancellationToken);
                }

                stream.Input.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (IOException)
        {
            // Reset by the kubelet or the connection dropped: the stream is over; the error stream tells why.
        }
        finally
        {
            await stream.Input.CompleteAsync();
        }
    }

    private static async Task<byte[]> ReadAllAsync(PipeReader input, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var read = await input.ReadAsync(cancellationToken);
                if (read.IsCompleted)
                {
                    return read.Buffer.ToArray();
                }

                input.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            }
        }
        catch (IOException)
        {
            return [];
        }
    }

    /// <summary>
    /// Reads the client's messages: stdin and resize data go to their streams, the close signal for
    /// channel 0 half-closes stdin, and so does the end of the WebSocket.
    /// </summary>
    private static async Task ReceiveAsync(WebSocket socket, ClientStreams streams, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        try
        {
            while (true)
            {
                buffer.Clear();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.GetMemory(16 * 1024), cancellationToken);
                    buffer.Advance(result.Count);
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                var message = buffer.WrittenMemory;
                if (message.Length == 0 || result.MessageType != WebSocketMessageType.Binary)
                {
                    continue;
                }

                await streams.Ready.Task.WaitAsync(cancellationToken);
                await DeliverAsync(message, streams, cancellationToken);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The client is gone, or the session is over.
        }
        finally
        {
            if (streams.Stdin is { } stdin)
            {
                await CloseQuietlyAsync(stdin);
            }
        }
    }

    private static async Task DeliverAsync(ReadOnlyMemory<byte> message, ClientStreams streams, CancellationToken cancellationToken)
    {
        var payload = message[1..];
        switch (message.Span[0])
        {
            case StreamProtocols.StdinChannel when streams.Stdin is { } stdin:
                await stdin.WriteAsync(payload, cancellationToken);
                break;
            case StreamProtocols.ResizeChannel when streams.Resize is { } resize:
                await resize.WriteAsync(payload, cancellationToken);
                break;
            case StreamProtocols.CloseSignal when payload.Length == 1 && payload.Span[0] == StreamProtocols.StdinChannel && streams.Stdin is { } closing:
                await CloseQuietlyAsync(closing);
                break;
            default:
                // Channels the session did not open, as upstream's wsstream ignores them.
                break;
        }
    }

    private static async Task CloseQuietlyAsync(SpdyStream stream)
    {
        try
        {
            await stream.CloseWriteAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The kubelet connection is already gone.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Remote command {Path} through the kubelet failed")]
    private static partial void LogFailed(ILogger logger, string path, Exception exception);

    /// <summary>The SPDY streams the client's messages go to, known once they are open.</summary>
    private sealed class ClientStreams
    {
        public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public SpdyStream? Stdin { get; set; }

        public SpdyStream? Resize { get; set; }
    }
}
