using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Testing;

/// <summary>
/// A throw-away single-member etcd for tests and benchmarks: the <c>etcd</c> binary on PATH, run in a
/// fresh temporary data directory on free loopback ports, killed and deleted on dispose. etcd's log
/// goes to <see cref="LogPath"/>; its tail is part of every start-up error.
/// </summary>
public sealed class EtcdServer : IAsyncDisposable
{
    private const int StartAttempts = 5;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly Process _process;
    private readonly EtcdLog _log;

    private EtcdServer(Process process, EtcdLog log, string directory, Uri clientUrl)
    {
        _process = process;
        _log = log;
        Directory = directory;
        ClientUrl = clientUrl;
    }

    /// <summary>Where clients connect, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri ClientUrl { get; }

    /// <summary>The temporary directory holding the data directory and the log; deleted on dispose.</summary>
    public string Directory { get; }

    /// <summary>etcd's captured stdout and stderr.</summary>
    public string LogPath => _log.Path;

    /// <summary>Starts etcd and returns once it answers health checks.</summary>
    /// <exception cref="InvalidOperationException">etcd is not on PATH, exits, or is not healthy within 30 s.</exception>
    public static async Task<EtcdServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var binary = FindOnPath("etcd")
            ?? throw new InvalidOperationException("etcd was not found on PATH; install it (Debian: apt-get install etcd-server) to run etcd tests");
        for (var attempt = 1; ; attempt++)
        {
            var directory = Path.Combine(Path.GetTempPath(), $"orchestrator-etcd-{Guid.NewGuid():N}");
            System.IO.Directory.CreateDirectory(directory);
            try
            {
                return await StartOnceAsync(binary, directory, cancellationToken);
            }
            catch (PortTakenException) when (attempt < StartAttempts)
            {
                // Another process took a port between our probe and etcd's bind: try fresh ports.
                DeleteDirectory(directory);
            }
            catch
            {
                DeleteDirectory(directory);
                throw;
            }
        }
    }

    /// <summary>Kills etcd (and anything it started) and deletes its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(_process);
        await _log.DisposeAsync();
        _process.Dispose();
        DeleteDirectory(Directory);
    }

    private static async Task<EtcdServer> StartOnceAsync(string binary, string directory, CancellationToken cancellationToken)
    {
        var clientUrl = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}");
        var peerUrl = $"http://127.0.0.1:{LoopbackPort.Free()}";
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // Settings in the environment (ETCD_*) would override the flags below.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ETCD", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        var authority = clientUrl.GetLeftPart(UriPartial.Authority);
        foreach (var argument in new[]
        {
            "--name", "test",
            "--data-dir", Path.Combine(directory, "data"),
            "--listen-client-urls", authority,
            "--advertise-client-urls", authority,
            "--listen-peer-urls", peerUrl,
            "--initial-advertise-peer-urls", peerUrl,
            "--initial-cluster", $"test={peerUrl}",
            "--initial-cluster-state", "new",
            "--logger", "zap",
            "--log-outputs", "stderr",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var log = new EtcdLog(Path.Combine(directory, "etcd.log"));
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
            await log.DisposeAsync();
            throw new InvalidOperationException($"could not start {binary}: {error.Message}", error);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await WaitUntilHealthyAsync(process, clientUrl, log, cancellationToken);
            return new EtcdServer(process, log, directory, clientUrl);
        }
        catch
        {
            await StopAsync(process);
            await log.DisposeAsync();
            process.Dispose();
            throw;
        }
    }

    private static async Task WaitUntilHealthyAsync(Process process, Uri clientUrl, EtcdLog log, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var health = new Uri(clientUrl, "/health");
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                // Let the output readers drain what etcd said before it died.
                await process.WaitForExitAsync(cancellationToken);
                var tail = log.Tail();
                if (tail.Contains("address already in use", StringComparison.Ordinal))
                {
                    throw new PortTakenException();
                }

                throw new InvalidOperationException($"etcd exited with code {process.ExitCode} during start-up. Log tail:\n{tail}");
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
                throw new InvalidOperationException($"etcd did not become healthy at {health} within {ReadyTimeout.TotalSeconds} s. Log tail:\n{log.Tail()}");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private static async Task StopAsync(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    private static void DeleteDirectory(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
    }

    /// <summary>etcd could not bind a port we picked; the caller retries with fresh ports.</summary>
    private sealed class PortTakenException : Exception;
}
