using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Orchestrator.Testing;

/// <summary>
/// A throw-away image registry: Debian's <c>docker-registry serve</c> on 127.0.0.1:&lt;free port&gt; with its own
/// config and storage under <see cref="Directory"/>, killed by PID on dispose. containerd's CRI pulls from
/// 127.0.0.1 registries over plain HTTP with no extra configuration.
/// </summary>
public sealed class RegistryProcess : IAsyncDisposable
{
    private const string Binary = "/usr/bin/docker-registry";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly EtcdLog _log;

    private RegistryProcess(Process process, EtcdLog log, string directory, int port)
    {
        _process = process;
        _log = log;
        Directory = directory;
        Port = port;
    }

    public string Directory { get; }

    public int Port { get; }

    /// <summary>The registry host as image references use it: <c>127.0.0.1:&lt;port&gt;</c>.</summary>
    public string Host => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    public Uri BaseAddress => new($"http://{Host}");

    public string LogPath => _log.Path;

    /// <summary>Starts the registry in <paramref name="directory"/> (created) and returns once <c>GET /v2/</c> answers 200.</summary>
    public static async Task<RegistryProcess> StartAsync(string directory, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing; install it (Debian: apt-get install docker-registry)");
        }

        System.IO.Directory.CreateDirectory(directory);
        for (var attempt = 1; ; attempt++)
        {
            var port = LoopbackPort.Free();
            var config = Path.Combine(directory, "config.yml");
            await File.WriteAllTextAsync(config, Config(Path.Combine(directory, "data"), port), cancellationToken);
            var log = new EtcdLog(Path.Combine(directory, $"registry-{attempt}.log"));
            var start = new ProcessStartInfo(Binary)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
                WorkingDirectory = directory,
            };
            start.ArgumentList.Add("serve");
            start.ArgumentList.Add(config);
            var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => log.Append(e.Data);
            process.ErrorDataReceived += (_, e) => log.Append(e.Data);
            try
            {
                process.Start();
            }
            catch (Win32Exception error)
            {
                process.Dispose();
                await log.DisposeAsync();
                throw new InvalidOperationException($"could not start {Binary}: {error.Message}", error);
            }

            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var registry = new RegistryProcess(process, log, directory, port);
            try
            {
                await registry.WaitUntilReadyAsync(cancellationToken);
                return registry;
            }
            catch (InvalidOperationException) when (attempt < 3 && log.Tail().Contains("address already in use", StringComparison.Ordinal))
            {
                await registry.StopAsync();
            }
            catch
            {
                await registry.StopAsync();
                throw;
            }
        }
    }

    /// <summary>The registry's config.yml (cri-containerd.md §8): filesystem storage with deletes, no auth, no health checks.</summary>
    public static string Config(string dataDirectory, int port) => string.Create(CultureInfo.InvariantCulture, $"""
        version: 0.1
        log:
          level: warn
          accesslog:
            disabled: true
        storage:
          filesystem:
            rootdirectory: {dataDirectory}
          delete:
            enabled: true
        http:
          addr: 127.0.0.1:{port}
        health:
          storagedriver:
            enabled: false

        """);

    /// <summary>Kills the registry; its directory is left to the owner.</summary>
    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task StopAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }

            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        _process.Dispose();
        await _log.DisposeAsync();
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var probe = new Uri(BaseAddress, "/v2/");
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(cancellationToken);
                throw new InvalidOperationException($"docker-registry exited with code {_process.ExitCode} during start-up. Log tail:\n{_log.Tail()}");
            }

            try
            {
                using var response = await http.GetAsync(probe, cancellationToken);
                if (response.IsSuccessStatusCode)
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
                // Timed out: still starting.
            }

            if (deadline.Elapsed > ReadyTimeout)
            {
                throw new InvalidOperationException($"docker-registry did not answer {probe} within {ReadyTimeout.TotalSeconds} s. Log tail:\n{_log.Tail()}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }
}
