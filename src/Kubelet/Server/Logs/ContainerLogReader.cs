using System.Buffers;

namespace Orchestrator.Kubelet.Server.Logs;

/// <summary>
/// Streams a CRI container log file to a client as upstream's kubelet does (kuberuntime/logs):
/// tail, since, timestamps and limitBytes applied line by line, output flushed as it is read, and
/// with <see cref="LogOptions.Follow"/> the file is polled as it grows until the container has
/// exited and the file is read to its end, or the client goes away (cancellation).
/// Polling rather than inotify: a node may follow many logs at once, and inotify instances are
/// limited per user (128 by default). Log rotation is not followed (the kubelet does not rotate yet).
/// </summary>
internal sealed partial class ContainerLogReader(TimeProvider time, ILogger<ContainerLogReader> logger, TimeSpan pollInterval, TimeSpan runningCheckInterval)
{
    private const int InitialBufferSize = 64 * 1024;

    /// <summary>
    /// Writes the log at <paramref name="path"/> to <paramref name="output"/>. <paramref name="isRunning"/>
    /// is asked (at most every running-check interval, only while following and at the end of the
    /// file) whether the container still runs; once it does not, the rest of the file is read and
    /// the call returns.
    /// </summary>
    public async Task ReadAsync(string path, LogOptions options, Stream output, Func<CancellationToken, Task<bool>> isRunning, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(isRunning);
        await using var file = new FileStream(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.ReadWrite | FileShare.Delete, BufferSize = 0 });
        if (options.TailLines is { } tail)
        {
            file.Position = await LogTail.FindStartOffsetAsync(file, tail, ct);
        }

        var formatter = new LogLineFormatter(options);
        var pending = new ArrayBufferWriter<byte>();
        var buffer = new byte[InitialBufferSize];
        int start = 0, end = 0;
        var exited = !options.Follow;
        var lastCheck = time.GetTimestamp();
        while (true)
        {
            if (end == buffer.Length)
            {
                buffer = MakeRoom(buffer, ref start, ref end);
            }

            var read = await file.ReadAsync(buffer.AsMemory(end), ct);
            if (read > 0)
            {
                end += read;
                start += FormatCompleteLines(buffer.AsMemory(start, end - start), formatter, pending, path);
                if (start == end)
                {
                    start = end = 0;
                }

                await FlushAsync(pending, output, ct);
                if (formatter.LimitReached)
                {
                    return;
                }

                continue;
            }

            if (exited)
            {
                // The end: an unterminated last line is written as it is.
                if (end > start)
                {
                    FormatLine(buffer.AsMemory(start, end - start), formatter, pending, path);
                    await FlushAsync(pending, output, ct);
                }

                return;
            }

            if (time.GetElapsedTime(lastCheck) >= runningCheckInterval)
            {
                lastCheck = time.GetTimestamp();
                if (!await isRunning(ct))
                {
                    // One more pass reads what the container wrote before it exited.
                    exited = true;
                    continue;
                }
            }

            await Task.Delay(pollInterval, time, ct);
        }
    }

    /// <summary>Formats every newline-terminated line of <paramref name="data"/>; returns how many bytes were consumed.</summary>
    private int FormatCompleteLines(ReadOnlyMemory<byte> data, LogLineFormatter formatter, ArrayBufferWriter<byte> pending, string path)
    {
        var consumed = 0;
        while (!formatter.LimitReached)
        {
            var newline = data.Span[consumed..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                break;
            }

            FormatLine(data.Slice(consumed, newline + 1), formatter, pending, path);
            consumed += newline + 1;
        }

        return consumed;
    }

    private void FormatLine(ReadOnlyMemory<byte> line, LogLineFormatter formatter, ArrayBufferWriter<byte> pending, string path)
    {
        if (CriLogLine.TryParse(line, out var parsed))
        {
            formatter.Write(parsed, pending);
        }
        else
        {
            LogUnparsableLine(logger, path, line.Length);
        }
    }

    private static byte[] MakeRoom(byte[] buffer, ref int start, ref int end)
    {
        if (start == 0)
        {
            // One line longer than the buffer: grow it.
            Array.Resize(ref buffer, buffer.Length * 2);
            return buffer;
        }

        buffer.AsSpan(start, end - start).CopyTo(buffer);
        end -= start;
        start = 0;
        return buffer;
    }

    private static async Task FlushAsync(ArrayBufferWriter<byte> pending, Stream output, CancellationToken ct)
    {
        if (pending.WrittenCount == 0)
        {
            return;
        }

        await output.WriteAsync(pending.WrittenMemory, ct);
        await output.FlushAsync(ct);
        pending.ResetWrittenCount();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Log file {Path}: skipped a line of {Length} bytes that is not in the CRI format")]
    private static partial void LogUnparsableLine(ILogger logger, string path, int length);
}
