using System.IO.Pipelines;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Kubelet.Server.Logs;

namespace Orchestrator.Kubelet.Tests.Server.Logs;

public sealed class ContainerLogReaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kubelet-logs-").FullName;
    private readonly ContainerLogReader _reader = new(TimeProvider.System, NullLogger<ContainerLogReader>.Instance, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20));

    private string LogPath => Path.Combine(_directory, "0.log");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(null, null, "a\nb\nc\nd\n")]
    [InlineData(2L, null, "c\nd\n")]
    [InlineData(0L, null, "")]
    [InlineData(3L, 3L, "b\nc")]
    public async Task Reads_a_finished_file(long? tailLines, long? limitBytes, string expected)
    {
        await File.WriteAllTextAsync(LogPath, Lines("a", "b", "c", "d"));
        Assert.Equal(expected, await ReadAsync(new LogOptions(TailLines: tailLines, LimitBytes: limitBytes)));
    }

    [Fact]
    public async Task Joins_partial_lines_skips_garbage_and_writes_an_unterminated_last_line()
    {
        await File.WriteAllTextAsync(LogPath, "2026-01-01T00:00:01Z stdout P hel\nnot a log line\n2026-01-01T00:00:02Z stderr F lo\n2026-01-01T00:00:03Z stdout F bye");
        Assert.Equal("2026-01-01T00:00:01Z hello\n2026-01-01T00:00:03Z bye\n", await ReadAsync(new LogOptions(Timestamps: true)));
    }

    [Fact]
    public async Task Reads_lines_longer_than_its_buffer()
    {
        var big = new string('x', 200_000);
        await File.WriteAllTextAsync(LogPath, Lines(big, "end"));
        Assert.Equal(big + "\nend\n", await ReadAsync(new LogOptions()));
    }

    [Fact]
    public async Task Follow_streams_appended_lines_until_the_container_exits_and_the_file_is_read()
    {
        await File.WriteAllTextAsync(LogPath, Lines("first"));
        var running = true;
        var pipe = new Pipe();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var reading = Task.Run(async () =>
        {
            await using var output = pipe.Writer.AsStream();
            await _reader.ReadAsync(LogPath, new LogOptions(Follow: true), output, _ => Task.FromResult(Volatile.Read(ref running)), timeout.Token);
        });
        var input = pipe.Reader.AsStream();
        Assert.Equal("first\n", await ReadTextAsync(input, "first\n".Length, timeout.Token));

        await File.AppendAllTextAsync(LogPath, Lines("second"), timeout.Token);
        Assert.Equal("second\n", await ReadTextAsync(input, "second\n".Length, timeout.Token));

        // A line half-written stays pending until its newline arrives.
        await File.AppendAllTextAsync(LogPath, "2026-01-01T00:00:09Z stdout F thi", timeout.Token);
        await File.AppendAllTextAsync(LogPath, "rd\n", timeout.Token);
        Assert.Equal("third\n", await ReadTextAsync(input, "third\n".Length, timeout.Token));
        Assert.False(reading.IsCompleted);

        // The container writes its last line and exits: the reader reads it, then ends.
        await File.AppendAllTextAsync(LogPath, Lines("last"), timeout.Token);
        Volatile.Write(ref running, false);
        await reading.WaitAsync(timeout.Token);
        Assert.Equal("last\n", await new StreamReader(input).ReadToEndAsync(timeout.Token));
    }

    [Fact]
    public async Task Follow_ends_when_the_client_goes_away()
    {
        await File.WriteAllTextAsync(LogPath, Lines("first"));
        using var client = new CancellationTokenSource();
        using var output = new MemoryStream();
        var reading = _reader.ReadAsync(LogPath, new LogOptions(Follow: true), output, _ => Task.FromResult(true), client.Token);
        await client.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
    }

    private async Task<string> ReadAsync(LogOptions options)
    {
        using var output = new MemoryStream();
        await _reader.ReadAsync(LogPath, options, output, _ => Task.FromResult(false), CancellationToken.None);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static string Lines(params string[] contents) =>
        string.Concat(contents.Select((c, i) => $"2026-01-01T00:00:{i:00}.123456789Z stdout F {c}\n"));

    private static async Task<string> ReadTextAsync(Stream input, int length, CancellationToken ct)
    {
        var buffer = new byte[length];
        await input.ReadExactlyAsync(buffer, ct);
        return Encoding.UTF8.GetString(buffer);
    }
}
