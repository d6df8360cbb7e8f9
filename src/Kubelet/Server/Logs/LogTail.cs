namespace Orchestrator.Kubelet.Server.Logs;

/// <summary>Finds where the last N lines of a log file start, reading backwards from its end.</summary>
internal static class LogTail
{
    private const int BlockSize = 4096;

    /// <summary>
    /// The offset of the first byte of the last <paramref name="lines"/> lines of
    /// <paramref name="file"/> (an unterminated last fragment counts as a line); 0 when the file
    /// has no more lines than that, the file's length when <paramref name="lines"/> is 0.
    /// </summary>
    public static async Task<long> FindStartOffsetAsync(Stream file, long lines, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lines);
        var size = file.Length;
        if (lines == 0)
        {
            return size;
        }

        // The last byte either terminates the last line or belongs to it: a line starts after
        // each newline before it.
        var buffer = new byte[BlockSize];
        var found = 0L;
        var end = size - 1;
        while (end > 0)
        {
            var start = Math.Max(0, end - BlockSize);
            var count = (int)(end - start);
            file.Position = start;
            await file.ReadExactlyAsync(buffer.AsMemory(0, count), ct);
            var index = buffer.AsSpan(0, count).LastIndexOf((byte)'\n');
            while (index >= 0)
            {
                if (++found == lines)
                {
                    return start + index + 1;
                }

                index = buffer.AsSpan(0, index).LastIndexOf((byte)'\n');
            }

            end = start;
        }

        return 0;
    }
}
