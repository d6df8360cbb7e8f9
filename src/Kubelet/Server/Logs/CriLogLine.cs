namespace Orchestrator.Kubelet.Server.Logs;

/// <summary>
/// One line of a CRI container log file: <c>&lt;RFC3339Nano timestamp&gt; &lt;stdout|stderr&gt; &lt;tags&gt; &lt;content&gt;</c>,
/// where the first tag is F (a full line) or P (a partial line, continued by the next one). The
/// timestamp's original text is kept so that timestamps are echoed exactly as written.
/// </summary>
/// <param name="Content">The content without the file line's trailing newline.</param>
internal readonly record struct CriLogLine(DateTimeOffset Timestamp, ReadOnlyMemory<byte> TimestampText, CriLogStream Stream, bool Partial, ReadOnlyMemory<byte> Content)
{
    private static readonly string[] TimestampFormats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK"];

    /// <summary>Parses one file line (with or without its trailing newline); false when it is not in the CRI format.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> line, out CriLogLine parsed)
    {
        parsed = default;
        var span = line.Span;
        if (span.Length > 0 && span[^1] == (byte)'\n')
        {
            line = line[..^1];
            span = span[..^1];
        }

        var timestampEnd = span.IndexOf((byte)' ');
        if (timestampEnd <= 0 || !TryParseTimestamp(span[..timestampEnd], out var timestamp))
        {
            return false;
        }

        var rest = span[(timestampEnd + 1)..];
        var streamEnd = rest.IndexOf((byte)' ');
        if (streamEnd <= 0)
        {
            return false;
        }

        CriLogStream stream;
        if (rest[..streamEnd].SequenceEqual("stdout"u8))
        {
            stream = CriLogStream.Stdout;
        }
        else if (rest[..streamEnd].SequenceEqual("stderr"u8))
        {
            stream = CriLogStream.Stderr;
        }
        else
        {
            return false;
        }

        rest = rest[(streamEnd + 1)..];
        var tagsEnd = rest.IndexOf((byte)' ');
        if (tagsEnd < 0)
        {
            // A full line with empty content may be written without the separating space.
            tagsEnd = rest.Length;
        }

        var tags = rest[..tagsEnd];
        var firstTagEnd = tags.IndexOf((byte)':');
        var first = firstTagEnd < 0 ? tags : tags[..firstTagEnd];
        bool partial;
        if (first.SequenceEqual("P"u8))
        {
            partial = true;
        }
        else if (first.SequenceEqual("F"u8))
        {
            partial = false;
        }
        else
        {
            return false;
        }

        var contentStart = timestampEnd + 1 + streamEnd + 1 + Math.Min(tagsEnd + 1, rest.Length);
        parsed = new CriLogLine(timestamp, line[..timestampEnd], stream, partial, line[contentStart..]);
        return true;
    }

    /// <summary>Parses an RFC 3339 timestamp with up to nine fractional digits (.NET keeps seven: 100 ns).</summary>
    internal static bool TryParseTimestamp(ReadOnlySpan<byte> text, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (text.Length > 64)
        {
            return false;
        }

        Span<char> chars = stackalloc char[text.Length];
        var length = Encoding.ASCII.GetChars(text, chars);
        ReadOnlySpan<char> value = chars[..length];
        var dot = value.IndexOf('.');
        if (dot >= 0)
        {
            var digits = dot + 1;
            while (digits < value.Length && char.IsAsciiDigit(value[digits]))
            {
                digits++;
            }

            if (digits - dot - 1 > 7)
            {
                // Drop the nanosecond digits .NET cannot hold; the rest (zone) follows them.
                Span<char> trimmed = stackalloc char[value.Length];
                value[..(dot + 8)].CopyTo(trimmed);
                value[digits..].CopyTo(trimmed[(dot + 8)..]);
                value = trimmed[..(dot + 8 + value.Length - digits)];
            }
        }

        return DateTimeOffset.TryParseExact(value, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out timestamp);
    }
}
