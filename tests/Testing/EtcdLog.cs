namespace Orchestrator.Testing;

/// <summary>A child process's output lines, written to a file as they arrive (thread-safe).</summary>
internal sealed class EtcdLog(string path) : IAsyncDisposable
{
    private const int TailLines = 40;

    private readonly Lock _lock = new();
    // Appends, so a restarted process keeps what it said before.
    private readonly StreamWriter _writer = new(path, append: true) { AutoFlush = true };
    private bool _closed;

    public string Path { get; } = path;

    public void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            if (!_closed)
            {
                _writer.WriteLine(line);
            }
        }
    }

    /// <summary>The last lines written, for error messages.</summary>
    public string Tail()
    {
        lock (_lock)
        {
            using var reader = new StreamReader(new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
            var lines = new Queue<string>();
            while (reader.ReadLine() is { } line)
            {
                lines.Enqueue(line);
                if (lines.Count > TailLines)
                {
                    lines.Dequeue();
                }
            }

            return string.Join('\n', lines);
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            _closed = true;
        }

        await _writer.DisposeAsync();
    }
}
