using System.Threading.Channels;

namespace Orchestrator.ApiServer.Audit;

/// <summary>
/// The audit log file (upstream --audit-log-path): one JSON Event per line, appended by a background
/// writer so requests never wait on the disk. Lines are flushed in batches; a full queue drops events
/// and counts them rather than slowing the API down (upstream's batch backend with a buffer).
/// </summary>
internal sealed partial class AuditLog : IAsyncDisposable
{
    private const int Capacity = 10_000;

    private readonly Channel<JsonObject> _queue = Channel.CreateBounded<JsonObject>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly StreamWriter _writer;
    private readonly Task _pump;
    private readonly ILogger<AuditLog> _logger;
    private long _dropped;

    public AuditLog(string path, ILogger<AuditLog> logger)
    {
        _logger = logger;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        _writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n" };
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Events the full queue turned away.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Write(JsonObject audit)
    {
        if (!_queue.Writer.TryWrite(audit) && Interlocked.Increment(ref _dropped) == 1)
        {
            LogDropping(Capacity);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _pump;
        await _writer.DisposeAsync();
    }

    private async Task PumpAsync()
    {
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (_queue.Reader.TryRead(out var audit))
            {
                await _writer.WriteLineAsync(audit.ToJsonString());
            }

            await _writer.FlushAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit log queue full ({Capacity} events): dropping events until it drains")]
    private partial void LogDropping(int capacity);
}
