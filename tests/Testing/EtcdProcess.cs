using System.ComponentModel;
using System.Diagnostics;

namespace Orchestrator.Testing;

/// <summary>
/// One running <c>etcd</c> process, for <see cref="EtcdServer"/> and <see cref="EtcdCluster"/>: started
/// with the given flags (ETCD_* settings in the environment are dropped so they cannot override them),
/// its output captured to a log file whose tail is part of every start-up error, waited on until
/// <c>/health</c> says true (a leader is known), killed by PID.
/// </summary>
internal sealed class EtcdProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly Process _process;
    private readonly EtcdLog _log;

    private EtcdProcess(Process process, EtcdLog log, Uri clientUrl)
    {
        _process = process;
        _log = log;
        ClientUrl = clientUrl;
    }

    public Uri ClientUrl { get; }

    public int Pid => _process.Id;

    public string LogPath => _log.Path;

    public bool HasExited => _process.HasExited;

    /// <summary>The etcd binary on PATH.</summary>
    /// <exception cref="InvalidOperationException">etcd is not installed.</exception>
    public static string Binary() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "etcd"))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("etcd was not found on PATH; install it (Debian: apt-get install etcd-server) to run etcd tests");

    /// <summary>Starts etcd with <paramref name="arguments"/>, logging to <paramref name="logPath"/> (appended to, so a restart keeps the history).</summary>
    public static EtcdProcess Start(Uri clientUrl, IEnumerable<string> arguments, string logPath)
    {
        var binary = Binary();
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ETCD", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var argument in arguments.Concat(["--logger", "zap", "--log-outputs", "stderr"]))
        {
            start.ArgumentList.Add(argument);
        }

        var log = new EtcdLog(logPath);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => log.Append(e.Data);
        process.ErrorDataReceived += (_, e) => log.Append(e.Data);
        try
        {
            if (!process.Start())
            {
                throw new InvalidOperationException($"could not start {binary}");
            }
        }
        catch (Win32Exception error)
        {
            process.Dispose();
            log.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw new InvalidOperationException($"could not start {binary}: {error.Message}", error);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new EtcdProcess(process, log, clientUrl);
    }

    /// <summary>Returns once <c>/health</c> reports true (for a cluster member: the cluster has a leader).</summary>
    /// <exception cref="EtcdPortTakenException">etcd exited because a port was taken: retry on fresh ports.</exception>
    /// <exception cref="InvalidOperationException">etcd exited or was not healthy within 30 s.</exception>
    public async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var health = new Uri(ClientUrl, "/health");
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                // Let the output readers drain what etcd said before it died.
                await _process.WaitForExitAsync(cancellationToken);
                var tail = _log.Tail();
                if (tail.Contains("address already in use", StringComparison.Ordinal))
                {
                    throw new EtcdPortTakenException();
                }

                throw new InvalidOperationException($"etcd exited with code {_process.ExitCode} during start-up. Log tail:\n{tail}");
            }

            try
            {
                using var response = await http.GetAsync(health, cancellationToken);
                if (response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync(cancellationToken)).Contains("\"true\"", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The request timed out: still starting.
            }

            if (deadline.Elapsed > ReadyTimeout)
            {
                throw new InvalidOperationException($"etcd did not become healthy at {health} within {ReadyTimeout.TotalSeconds} s. Log tail:\n{_log.Tail()}");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>SIGKILL (what Process.Kill sends on Linux), then reaps the process.</summary>
    public async Task KillAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        await _log.DisposeAsync();
        _process.Dispose();
    }

    public static void DeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
    }
}

/// <summary>etcd could not bind a port we picked; the caller retries with fresh ports.</summary>
internal sealed class EtcdPortTakenException : Exception;
