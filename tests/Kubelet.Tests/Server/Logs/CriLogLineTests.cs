using System.Text;
using Orchestrator.Kubelet.Server.Logs;

namespace Orchestrator.Kubelet.Tests.Server.Logs;

public sealed class CriLogLineTests
{
    [Theory]
    [InlineData("2026-11-22T15:27:54.024325968Z stdout F hello\n", "2026-11-22T15:27:54.024325968Z", "stdout", false, "hello")]
    [InlineData("2026-11-22T15:27:54.024325968Z stderr P part one", "2026-11-22T15:27:54.024325968Z", "stderr", true, "part one")]
    [InlineData("2026-11-22T15:27:54Z stdout F  leading space\n", "2026-11-22T15:27:54Z", "stdout", false, " leading space")]
    [InlineData("2026-11-22T15:27:54.5+01:00 stdout F x y  z\n", "2026-11-22T15:27:54.5+01:00", "stdout", false, "x y  z")]
    [InlineData("2026-11-22T15:27:54.1Z stdout F\n", "2026-11-22T15:27:54.1Z", "stdout", false, "")]
    [InlineData("2026-11-22T15:27:54.1Z stdout F \n", "2026-11-22T15:27:54.1Z", "stdout", false, "")]
    [InlineData("2026-11-22T15:27:54.1Z stdout F:x:y tagged\n", "2026-11-22T15:27:54.1Z", "stdout", false, "tagged")]
    public void Parses_the_CRI_format(string line, string timestamp, string stream, bool partial, string content)
    {
        Assert.True(CriLogLine.TryParse(Encoding.UTF8.GetBytes(line), out var parsed));
        Assert.Equal(timestamp, Encoding.UTF8.GetString(parsed.TimestampText.Span));
        Assert.Equal(stream, parsed.Stream == CriLogStream.Stdout ? "stdout" : "stderr");
        Assert.Equal(partial, parsed.Partial);
        Assert.Equal(content, Encoding.UTF8.GetString(parsed.Content.Span));
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello world\n")]
    [InlineData("2026-11-22T15:27:54Z stdin F x\n")]
    [InlineData("2026-11-22T15:27:54Z stdout X x\n")]
    [InlineData("2026-11-22T15:27:54Z stdout\n")]
    [InlineData("yesterday stdout F x\n")]
    public void Rejects_other_lines(string line)
    {
        Assert.False(CriLogLine.TryParse(Encoding.UTF8.GetBytes(line), out _));
    }

    [Theory]
    [InlineData("2026-11-22T15:27:54.024325968Z", "2026-11-22T15:27:54.0243259+00:00")]
    [InlineData("2026-11-22T15:27:54.1Z", "2026-11-22T15:27:54.1000000+00:00")]
    [InlineData("2026-11-22T15:27:54Z", "2026-11-22T15:27:54.0000000+00:00")]
    [InlineData("2026-11-22T16:27:54.123456789+01:00", "2026-11-22T16:27:54.1234567+01:00")]
    public void Timestamps_keep_100ns_precision(string text, string expected)
    {
        Assert.True(CriLogLine.TryParseTimestamp(Encoding.ASCII.GetBytes(text), out var parsed));
        Assert.Equal(expected, parsed.ToString("o", System.Globalization.CultureInfo.InvariantCulture));
    }
}
