using System.IO.Pipelines;

namespace Orchestrator.ApiServer.Hosting.Connections;

/// <summary>
/// The connection's output as Kestrel sees it. While the app owns the output every call goes
/// straight through (one volatile read). Otherwise the bytes are held until Kestrel flushes or
/// completes, then given a Status body if they are one of Kestrel's own empty error responses
/// (<see cref="KestrelErrorResponse"/>), else passed on unchanged.
/// </summary>
internal sealed class StatusBodyPipeWriter(PipeWriter inner, ResponseOwnership ownership) : PipeWriter
{
    private ArrayBufferWriter<byte>? _held;

    public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

    public override long UnflushedBytes => inner.UnflushedBytes + (_held?.WrittenCount ?? 0);

    public override Memory<byte> GetMemory(int sizeHint = 0) => Holding() ? _held!.GetMemory(sizeHint) : inner.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => Holding() ? _held!.GetSpan(sizeHint) : inner.GetSpan(sizeHint);

    public override void Advance(int bytes)
    {
        if (_held is not null)
        {
            _held.Advance(bytes);
        }
        else
        {
            inner.Advance(bytes);
        }
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        Release();
        return inner.FlushAsync(cancellationToken);
    }

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null)
    {
        Release();
        inner.Complete(exception);
    }

    public override async ValueTask CompleteAsync(Exception? exception = null)
    {
        Release();
        await inner.CompleteAsync(exception);
    }

    private bool Holding()
    {
        if (_held is null && !ownership.AppOwnsOutput)
        {
            _held = new ArrayBufferWriter<byte>(512);
        }

        return _held is not null;
    }

    private void Release()
    {
        if (_held is not { } held)
        {
            return;
        }

        _held = null;
        if (held.WrittenCount > 0)
        {
            inner.Write(KestrelErrorResponse.WithStatusBody(held.WrittenSpan) ?? held.WrittenSpan);
        }
    }
}
