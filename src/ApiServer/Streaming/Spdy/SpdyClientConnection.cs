using System.Buffers.Binary;

namespace Orchestrator.ApiServer.Streaming.Spdy;

/// <summary>
/// The client end of a SPDY/3.1 connection over an upgraded HTTP connection, as Kubernetes streaming
/// uses it: the client opens every stream (odd ids), each named by a <c>streamType</c> header. The
/// peer's header blocks are skipped, never inflated (nothing in them is needed), so only the sending
/// side keeps zlib state. Flow control is not enforced: Go's spdystream, the only peer, ignores it.
/// Dispose to close the transport.
/// </summary>
internal sealed partial class SpdyClientConnection : IAsyncDisposable
{
    /// <summary>How long a stream may wait for its SYN_REPLY (upstream's DefaultStreamCreationTimeout).</summary>
    public static readonly TimeSpan StreamCreationTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Priority of the streams spdystream opens (the lowest of SPDY's eight).</summary>
    private const byte StreamPriority = 7;

    private readonly Stream _transport;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SpdyHeaderCompressor _compressor = new();
    private readonly ConcurrentDictionary<uint, SpdyStream> _streams = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _readLoop;
    private uint _nextStreamId = 1;
    private volatile bool _goneAway;

    public SpdyClientConnection(Stream transport, ILogger logger)
    {
        _transport = transport;
        _logger = logger;
        _readLoop = Task.Run(ReadLoopAsync);
    }

    /// <summary>Completes when the peer closed the connection (or it failed).</summary>
    public Task Completion => _readLoop;

    /// <summary>Opens a stream with these headers and waits for the peer's SYN_REPLY.</summary>
    public async Task<SpdyStream> OpenStreamAsync(IReadOnlyList<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
        var type = headers.FirstOrDefault(h => string.Equals(h.Key, "streamType", StringComparison.OrdinalIgnoreCase)).Value ?? "";
        SpdyStream stream;
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            if (_goneAway)
            {
                throw new IOException("SPDY peer sent GOAWAY: no new streams");
            }

            // Ids and the zlib stream must advance in the order frames hit the wire: both under the lock.
            stream = new SpdyStream(this, _nextStreamId, type);
            _nextStreamId += 2;
            _streams[stream.Id] = stream;
            var frame = SpdyFrames.SynStream(stream.Id, StreamPriority, _compressor.Compress(SpdyHeaderBlock.Encode(headers)));
            await _transport.WriteAsync(frame, cancellationToken);
            await _transport.FlushAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }

        await stream.Replied.WaitAsync(StreamCreationTimeout, cancellationToken);
        return stream;
    }

    /// <summary>Writes one encoded frame; frames never interleave.</summary>
    internal async Task SendAsync(byte[] frame, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await _transport.WriteAsync(frame, cancellationToken);
            await _transport.FlushAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _transport.DisposeAsync();
        try
        {
            await _readLoop;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or InvalidDataException)
        {
            // The transport is gone either way; the streams were told in the loop's finally.
        }

        _compressor.Dispose();
        _writeLock.Dispose();
        _stopping.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var reader = new SpdyFrameReader(_transport);
        Exception? failure = null;
        try
        {
            while (await reader.ReadAsync(_stopping.Token) is { } frame)
            {
                await DispatchAsync(frame);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or InvalidDataException)
        {
            failure = _stopping.IsCancellationRequested ? null : e;
            if (failure is not null)
            {
                LogConnectionFailed(_logger, e);
            }
        }
        finally
        {
            foreach (var stream in _streams.Values)
            {
                stream.OnConnectionEnded(failure);
            }
        }
    }

    private async Task DispatchAsync(SpdyFrame frame)
    {
        switch (frame.ControlType)
        {
            case null:
                if (_streams.TryGetValue(frame.StreamId, out var target))
                {
                    await target.OnDataAsync(frame.Payload, frame.IsFin, _stopping.Token);
                }

                break;
            case SpdyControlType.SynReply:
                if (_streams.TryGetValue(frame.StreamId, out var replied))
                {
                    replied.OnReply();
                    if (frame.IsFin)
                    {
                        await replied.OnDataAsync(ReadOnlyMemory<byte>.Empty, fin: true, _stopping.Token);
                    }
                }

                break;
            case SpdyControlType.Headers when frame.IsFin:
                if (_streams.TryGetValue(frame.StreamId, out var finished))
                {
                    await finished.OnDataAsync(ReadOnlyMemory<byte>.Empty, fin: true, _stopping.Token);
                }

                break;
            case SpdyControlType.RstStream:
                var status = (SpdyRstStatus)BinaryPrimitives.ReadUInt32BigEndian(frame.Payload.AsSpan(4));
                if (_streams.TryRemove(frame.StreamId, out var reset))
                {
                    reset.OnReset(new IOException($"SPDY stream {frame.StreamId} ({reset.Type}) reset by the peer: {status}"));
                }

                break;
            case SpdyControlType.Ping:
                // Pings with the other side's parity are the peer's: answer with the same frame.
                var id = BinaryPrimitives.ReadUInt32BigEndian(frame.Payload);
                if ((id & 1) == 0)
                {
                    await SendAsync(SpdyFrames.Ping(id), _stopping.Token);
                }

                break;
            case SpdyControlType.GoAway:
                _goneAway = true;
                break;
            case SpdyControlType.SynStream:
                // Kubernetes streaming servers never open streams towards the client.
                await SendAsync(SpdyFrames.RstStream(frame.StreamId, SpdyRstStatus.RefusedStream), _stopping.Token);
                break;
            default:
                // SETTINGS, WINDOW_UPDATE and HEADERS without FIN change nothing here.
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "SPDY connection to the kubelet failed")]
    private static partial void LogConnectionFailed(ILogger logger, Exception exception);
}
