using System.IO.Pipelines;

namespace Orchestrator.ApiServer.Streaming.Spdy;

/// <summary>
/// One stream of a <see cref="SpdyClientConnection"/>: what the peer sends arrives on
/// <see cref="Input"/> (completed at the peer's FIN, faulted by RST_STREAM or a lost connection);
/// <see cref="WriteAsync"/> and <see cref="CloseWriteAsync"/> send DATA frames.
/// </summary>
internal sealed class SpdyStream(SpdyClientConnection connection, uint id, string type)
{
    /// <summary>Data frames are cut at this size: what Go's io.Copy hands spdystream.</summary>
    private const int MaxDataFrame = 32 * 1024;

    private readonly SpdyClientConnection _connection = connection;
    private readonly Pipe _inbound = new(new PipeOptions(pauseWriterThreshold: 1024 * 1024, resumeWriterThreshold: 512 * 1024, useSynchronizationContext: false));
    private readonly TaskCompletionSource _replied = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _writeClosed;

    public uint Id { get; } = id;

    /// <summary>The streamType header it was opened with (error, stdin, stdout, data …).</summary>
    public string Type { get; } = type;

    /// <summary>Bytes the peer sent on this stream.</summary>
    public PipeReader Input => _inbound.Reader;

    /// <summary>Completes when the peer's SYN_REPLY arrived.</summary>
    internal Task Replied => _replied.Task;

    public async Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        for (var offset = 0; offset < data.Length; offset += MaxDataFrame)
        {
            var chunk = data.Slice(offset, Math.Min(MaxDataFrame, data.Length - offset));
            await _connection.SendAsync(SpdyFrames.Data(Id, chunk.Span, fin: false), cancellationToken);
        }
    }

    /// <summary>Half-closes: an empty DATA frame with FLAG_FIN (what spdystream's Close sends). Idempotent.</summary>
    public async Task CloseWriteAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _writeClosed, 1) == 0)
        {
            await _connection.SendAsync(SpdyFrames.Data(Id, [], fin: true), cancellationToken);
        }
    }

    internal void OnReply() => _replied.TrySetResult();

    internal async ValueTask OnDataAsync(ReadOnlyMemory<byte> data, bool fin, CancellationToken cancellationToken)
    {
        if (data.Length > 0)
        {
            await _inbound.Writer.WriteAsync(data, cancellationToken);
        }

        if (fin)
        {
            await _inbound.Writer.CompleteAsync();
        }
    }

    /// <summary>
    /// RST_STREAM: a stream not yet answered fails; an answered one simply ends, keeping what
    /// arrived before — as spdystream reads a reset stream (EOF), and as Kubernetes streaming servers
    /// end every stream when they close the connection after the command.
    /// </summary>
    internal void OnReset(Exception reason)
    {
        _replied.TrySetException(reason);
        _inbound.Writer.Complete();
    }

    /// <summary>The connection ended: a stream the peer had not finished ends with <paramref name="reason"/>, or cleanly when null.</summary>
    internal void OnConnectionEnded(Exception? reason)
    {
        _replied.TrySetException(reason ?? new IOException("SPDY connection closed before the stream was answered"));
        _inbound.Writer.Complete(reason);
    }
}
