namespace Orchestrator.Testing;

/// <summary>
/// A throw-away single-member etcd for tests and benchmarks: the <c>etcd</c> binary on PATH, run in a
/// fresh temporary data directory on free loopback ports, killed and deleted on dispose. etcd's log
/// goes to <see cref="LogPath"/>; its tail is part of every start-up error.
/// </summary>
public sealed class EtcdServer : IAsyncDisposable
{
    private const int StartAttempts = 5;

    private readonly EtcdProcess _process;

    private EtcdServer(EtcdProcess process, string directory)
    {
        _process = process;
        Directory = directory;
    }

    /// <summary>Where clients connect, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri ClientUrl => _process.ClientUrl;

    /// <summary>The temporary directory holding the data directory and the log; deleted on dispose.</summary>
    public string Directory { get; }

    /// <summary>etcd's captured stdout and stderr.</summary>
    public string LogPath => _process.LogPath;

    /// <summary>Starts etcd and returns once it answers health checks.</summary>
    /// <exception cref="InvalidOperationException">etcd is not on PATH, exits, or is not healthy within 30 s.</exception>
    public static async Task<EtcdServer> StartAsync(CancellationToken cancellationToken = default)
    {
        EtcdProcess.Binary();
        for (var attempt = 1; ; attempt++)
        {
            var directory = Path.Combine(Path.GetTempPath(), $"orchestrator-etcd-{Guid.NewGuid():N}");
            System.IO.Directory.CreateDirectory(directory);
            try
            {
                return await StartOnceAsync(directory, cancellationToken);
            }
            catch (EtcdPortTakenException) when (attempt < StartAttempts)
            {
                // Another process took a port between our probe and etcd's bind: try fresh ports.
                EtcdProcess.DeleteDirectory(directory);
            }
            catch
            {
                EtcdProcess.DeleteDirectory(directory);
                throw;
            }
        }
    }

    /// <summary>Kills etcd (and anything it started) and deletes its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        EtcdProcess.DeleteDirectory(Directory);
    }

    private static async Task<EtcdServer> StartOnceAsync(string directory, CancellationToken cancellationToken)
    {
        var clientUrl = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}");
        var peerUrl = $"http://127.0.0.1:{LoopbackPort.Free()}";
        var authority = clientUrl.GetLeftPart(UriPartial.Authority);
        var process = EtcdProcess.Start(clientUrl, [
            "--name", "test",
            "--data-dir", Path.Combine(directory, "data"),
            "--listen-client-urls", authority,
            "--advertise-client-urls", authority,
            "--listen-peer-urls", peerUrl,
            "--initial-advertise-peer-urls", peerUrl,
            "--initial-cluster", $"test={peerUrl}",
            "--initial-cluster-state", "new",
        ], Path.Combine(directory, "etcd.log"));
        try
        {
            await process.WaitUntilHealthyAsync(cancellationToken);
            return new EtcdServer(process, directory);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }
}
