using System.Text;
using Orchestrator.Kubelet.Server.Logs;

namespace Orchestrator.Kubelet.Tests.Server.Logs;

public sealed class LogTailTests
{
    [Theory]
    [InlineData("a\nb\nc\n", 0, "")]
    [InlineData("a\nb\nc\n", 1, "c\n")]
    [InlineData("a\nb\nc\n", 2, "b\nc\n")]
    [InlineData("a\nb\nc\n", 3, "a\nb\nc\n")]
    [InlineData("a\nb\nc\n", 10, "a\nb\nc\n")]
    [InlineData("a\nb\nc", 1, "c")]
    [InlineData("a\nb\nc", 2, "b\nc")]
    [InlineData("a\n\n", 1, "\n")]
    [InlineData("", 3, "")]
    [InlineData("\n", 1, "\n")]
    public async Task Finds_the_last_lines(string content, long lines, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        using var file = new MemoryStream(bytes);
        var offset = await LogTail.FindStartOffsetAsync(file, lines, CancellationToken.None);
        Assert.Equal(expected, Encoding.UTF8.GetString(bytes, (int)offset, bytes.Length - (int)offset));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(999)]
    [InlineData(1000)]
    public async Task Crosses_block_boundaries(int lines)
    {
        var content = string.Concat(Enumerable.Range(0, 1000).Select(i => $"2026-01-01T00:00:00Z stdout F line number {i}\n"));
        var bytes = Encoding.UTF8.GetBytes(content);
        using var file = new MemoryStream(bytes);
        var offset = await LogTail.FindStartOffsetAsync(file, lines, CancellationToken.None);
        var tail = Encoding.UTF8.GetString(bytes, (int)offset, bytes.Length - (int)offset);
        Assert.Equal(lines, tail.Count(c => c == '\n'));
        Assert.StartsWith($"2026-01-01T00:00:00Z stdout F line number {1000 - lines}\n", tail, StringComparison.Ordinal);
    }
}
