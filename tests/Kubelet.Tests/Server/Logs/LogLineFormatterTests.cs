using System.Buffers;
using System.Text;
using Orchestrator.Kubelet.Server.Logs;

namespace Orchestrator.Kubelet.Tests.Server.Logs;

public sealed class LogLineFormatterTests
{
    private static readonly string[] Lines =
    [
        "2026-01-01T00:00:01Z stdout F one",
        "2026-01-01T00:00:02Z stderr P tw",
        "2026-01-01T00:00:03Z stderr F o",
        "2026-01-01T00:00:04.5Z stdout F three",
    ];

    [Theory]
    [InlineData(false, null, null, "one\ntwo\nthree\n")]
    [InlineData(true, null, null, "2026-01-01T00:00:01Z one\n2026-01-01T00:00:02Z two\n2026-01-01T00:00:04.5Z three\n")]
    [InlineData(false, "2026-01-01T00:00:03Z", null, "o\nthree\n")]
    [InlineData(false, "2026-01-01T00:00:02Z", null, "two\nthree\n")]
    [InlineData(false, "2026-01-01T00:00:05Z", null, "")]
    [InlineData(false, null, 6L, "one\ntw")]
    [InlineData(false, null, 4L, "one\n")]
    [InlineData(true, null, 10L, "2026-01-01")]
    [InlineData(false, null, 1000L, "one\ntwo\nthree\n")]
    public void Applies_since_timestamps_and_limit(bool timestamps, string? since, long? limitBytes, string expected)
    {
        var options = new LogOptions(Timestamps: timestamps, Since: since is null ? null : DateTimeOffset.Parse(since, System.Globalization.CultureInfo.InvariantCulture), LimitBytes: limitBytes);
        var formatter = new LogLineFormatter(options);
        var output = new ArrayBufferWriter<byte>();
        foreach (var line in Lines)
        {
            Assert.True(CriLogLine.TryParse(Encoding.UTF8.GetBytes(line), out var parsed));
            if (!formatter.Write(parsed, output))
            {
                break;
            }
        }

        Assert.Equal(expected, Encoding.UTF8.GetString(output.WrittenSpan));
        Assert.Equal(limitBytes is { } limit && limit <= Encoding.UTF8.GetByteCount(expected), formatter.LimitReached);
    }
}
