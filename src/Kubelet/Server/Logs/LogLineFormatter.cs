using System.Buffers;

namespace Orchestrator.Kubelet.Server.Logs;

/// <summary>
/// Turns parsed CRI log lines into the bytes a client sees, as upstream's log writer does:
/// partial lines are joined by writing them without a newline, the timestamp prefix goes only at
/// the start of an output line, lines before <see cref="LogOptions.Since"/> are skipped, and the
/// output stops after <see cref="LogOptions.LimitBytes"/> (the last line cut). stdout and stderr
/// go to the same output. Not thread-safe: one per read.
/// </summary>
internal sealed class LogLineFormatter(LogOptions options)
{
    private long _remaining = options.LimitBytes ?? long.MaxValue;
    private bool _atLineStart = true;

    /// <summary>True once the byte limit is reached: nothing more will be written.</summary>
    public bool LimitReached => _remaining <= 0;

    /// <summary>Writes <paramref name="line"/>'s output to <paramref name="output"/>; false once the byte limit is reached.</summary>
    public bool Write(CriLogLine line, IBufferWriter<byte> output)
    {
        if (LimitReached)
        {
            return false;
        }

        var prefix = _atLineStart;
        _atLineStart = !line.Partial;
        if (options.Since is { } since && line.Timestamp < since)
        {
            return true;
        }

        if (options.Timestamps && prefix)
        {
            Append(line.TimestampText.Span, output);
            Append(" "u8, output);
        }

        Append(line.Content.Span, output);
        if (!line.Partial)
        {
            Append("\n"u8, output);
        }

        return !LimitReached;
    }

    private void Append(ReadOnlySpan<byte> bytes, IBufferWriter<byte> output)
    {
        var take = (int)Math.Min(bytes.Length, _remaining);
        if (take <= 0)
        {
            return;
        }

        output.Write(bytes[..take]);
        _remaining -= take;
    }
}
