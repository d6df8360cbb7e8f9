using System.Diagnostics;

namespace Orchestrator.Testing;

/// <summary>A kubectl that keeps running (a watch); its stdout is read as lines arrive, and disposing kills it.</summary>
public sealed class StreamingKubectl : IDisposable
{
    private readonly Process _process;

    internal StreamingKubectl(Process process)
    {
        _process = process;
        _ = process.StandardError.ReadToEndAsync();
    }

    /// <summary>The next line of output, or null when kubectl exited; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public async Task<string?> ReadLineAsync(TimeSpan timeout) =>
        await _process.StandardOutput.ReadLineAsync().WaitAsync(timeout);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
