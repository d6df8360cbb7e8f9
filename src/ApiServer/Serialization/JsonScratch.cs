namespace Orchestrator.ApiServer.Serialization;

/// <summary>
/// A per-thread buffer and writer for JSON that is written synchronously and then copied out
/// (store values, the watch cache's response JSON, managedFields). A fresh writer over a fresh
/// buffer asks for 4 KiB at a time, several times per object; reusing one per thread takes that
/// off every create. Rent, write, copy <see cref="Written"/>, dispose; a nested rent on the same
/// thread gets its own.
/// </summary>
internal sealed class JsonScratch : IDisposable
{
    /// <summary>A buffer grown past this by one large object is dropped instead of kept.</summary>
    private const int MaxRetainedBytes = 64 * 1024;

    [ThreadStatic]
    private static JsonScratch? t_free;

    private readonly ArrayBufferWriter<byte> _buffer = new(MaxRetainedBytes / 8);

    private JsonScratch() => Writer = new Utf8JsonWriter(_buffer, JsonLimits.Writer);

    public Utf8JsonWriter Writer { get; }

    /// <summary>What has been written so far (the writer is flushed first).</summary>
    public ReadOnlySpan<byte> Written
    {
        get
        {
            Writer.Flush();
            return _buffer.WrittenSpan;
        }
    }

    public static JsonScratch Rent()
    {
        var scratch = t_free ?? new JsonScratch();
        t_free = null;
        scratch._buffer.ResetWrittenCount();
        scratch.Writer.Reset(scratch._buffer);
        return scratch;
    }

    public void Dispose()
    {
        if (_buffer.Capacity <= MaxRetainedBytes)
        {
            t_free = this;
        }
        else
        {
            Writer.Dispose();
        }
    }
}
