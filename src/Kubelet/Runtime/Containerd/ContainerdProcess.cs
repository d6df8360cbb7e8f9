using Orchestrator.Kubelet.Processes;

namespace Orchestrator.Kubelet.Runtime.Containerd;

/// <summary>
/// A private containerd: its own config, root, state and socket under one state directory, started in its
/// own session (so it outlives a crashed parent and can be adopted), stopped by PID. Never touches the
/// system containerd.
/// </summary>
public sealed partial class ContainerdProcess
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private readonly Process? _process;
    private readonly ILogger _logger;

    private ContainerdProcess(ContainerdConfig config, int pid, Process? process, ILogger logger)
    {
        Config = config;
        Pid = pid;
        _process = process;
        _logger = logger;
    }

    public ContainerdConfig Config { get; }

    public int Pid { get; }

    /// <summary>The CRI endpoint, <c>unix:///…/containerd.sock</c>.</summary>
    public string Endpoint => Config.Endpoint;

    public bool IsRunning => _process is { HasExited: false } || (_process is null && HostProcess.IsAlive(Pid));

    /// <summary>
    /// Writes config.toml, starts <c>containerd --config</c> in a new session with its output in
    /// <see cref="ContainerdConfig.LogPath"/>, records the PID, and returns once the socket answers.
    /// </summary>
    /// <exception cref="InvalidOperationException">not root, containerd missing, already running, or not ready within 20 s (with the log tail).</exception>
    public static async Task<ContainerdProcess> StartAsync(ContainerdConfig config, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(logger);
        if (!Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException("containerd must run as root (it mounts overlays, creates network namespaces and cgroups)");
        }

        Directory.CreateDirectory(config.StateDir);
        Directory.CreateDirectory(config.CniConfDir);
        Directory.CreateDirectory(config.RegistryConfigDir);
        if (ReadPid(config.PidPath) is { } existing && IsOurContainerd(existing, config))
        {
            throw new InvalidOperationException($"containerd for {config.StateDir} is already running as PID {existing}; adopt it or stop it first");
        }

        if (File.Exists(config.SocketPath))
        {
            File.Delete(config.SocketPath);
        }

        await File.WriteAllTextAsync(config.ConfigPath, config.ToToml(), cancellationToken);

        // sh redirects the output and execs setsid, which (not being a group leader) calls setsid() and
        // execs containerd: the PID we get is containerd's own.
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var argument in new[]
        {
            "-c", "exec setsid \"$0\" --config \"$1\" >>\"$2\" 2>&1 </dev/null",
            FindContainerd(), config.ConfigPath, config.LogPath,
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.WorkingDirectory = config.StateDir;
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start containerd");
        await File.WriteAllTextAsync(config.PidPath, process.Id.ToString(CultureInfo.InvariantCulture), cancellationToken);
        var instance = new ContainerdProcess(config, process.Id, process, logger);
        try
        {
            await instance.WaitUntilReadyAsync(cancellationToken);
        }
        catch
        {
            await HostProcess.TerminateAsync(process.Id, StopGrace, CancellationToken.None);
            throw;
        }

        LogStarted(logger, process.Id, config.Endpoint);
        return instance;
    }

    /// <summary>
    /// The containerd still running for <paramref name="stateDir"/> (PID file names a live containerd with
    /// this config and its socket answers), or null.
    /// </summary>
    public static Task<ContainerdProcess?> AdoptAsync(string stateDir, ILogger logger, CancellationToken cancellationToken = default) =>
        AdoptAsync(ContainerdConfig.ForStateDir(stateDir), logger, cancellationToken);

    /// <summary>As <see cref="AdoptAsync(string, ILogger, CancellationToken)"/> for an instance with a non-default configuration.</summary>
    public static async Task<ContainerdProcess?> AdoptAsync(ContainerdConfig config, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (ReadPid(config.PidPath) is not { } pid || !IsOurContainerd(pid, config) || !await SocketAnswersAsync(config.SocketPath, cancellationToken))
        {
            return null;
        }

        LogAdopted(logger, pid, config.Endpoint);
        return new ContainerdProcess(config, pid, process: null, logger);
    }

    /// <summary>
    /// The running instance for <paramref name="config"/>'s state dir if there is one (a restarted
    /// <c>orchestrator up</c>), else a fresh start after removing what a crashed predecessor left behind.
    /// </summary>
    public static async Task<ContainerdProcess> AdoptOrStartAsync(ContainerdConfig config, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        var running = await AdoptAsync(config, logger, cancellationToken);
        if (running is not null && File.Exists(config.ConfigPath) && await File.ReadAllTextAsync(config.ConfigPath, cancellationToken) == config.ToToml())
        {
            return running;
        }

        if (running is not null)
        {
            // Started with another configuration: restart to apply this one.
            await running.StopAsync(cleanup: true, cancellationToken);
        }
        else if (File.Exists(config.PidPath))
        {
            await new ContainerdCleanup(config, logger).RemoveLeftoversAsync(cancellationToken);
        }

        return await StartAsync(config, logger, cancellationToken);
    }

    /// <summary>
    /// Stops containerd (SIGTERM, SIGKILL after 5 s). With <paramref name="cleanup"/> it first removes this
    /// instance's containers and sandboxes, then kills leftover shims, unmounts what is mounted under the
    /// state directory, deletes the CNI bridge and the pod cgroups (<see cref="ContainerdCleanup"/>).
    /// </summary>
    public async Task StopAsync(bool cleanup, CancellationToken cancellationToken = default)
    {
        var cleaner = new ContainerdCleanup(Config, _logger);
        if (cleanup && IsRunning)
        {
            await cleaner.RemoveContainersAsync(cancellationToken);
        }

        await HostProcess.TerminateAsync(Pid, StopGrace, cancellationToken);
        _process?.Dispose();
        File.Delete(Config.PidPath);
        LogStopped(_logger, Pid);
        if (cleanup)
        {
            await cleaner.RemoveLeftoversAsync(cancellationToken);
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (!IsRunning)
            {
                throw new InvalidOperationException($"containerd exited during start-up; log tail ({Config.LogPath}):\n{LogTail()}");
            }

            if (await SocketAnswersAsync(Config.SocketPath, cancellationToken) && await CriAnswersAsync(cancellationToken))
            {
                return;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new InvalidOperationException($"containerd did not answer on {Config.SocketPath} within {StartTimeout.TotalSeconds} s; log tail:\n{LogTail()}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>The last 30 lines of containerd's log.</summary>
    public string LogTail()
    {
        try
        {
            using var stream = new FileStream(Config.LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var lines = reader.ReadToEnd().Split('\n');
            return string.Join('\n', lines.TakeLast(30));
        }
        catch (IOException error)
        {
            return $"(no log: {error.Message})";
        }
    }

    /// <summary>The CRI plugin initialises after the socket opens; until then its calls fail "not initialized".</summary>
    private async Task<bool> CriAnswersAsync(CancellationToken cancellationToken)
    {
        using var cri = CriClient.Connect(Endpoint);
        try
        {
            await cri.Runtime.VersionAsync(new VersionRequest { Version = "v1" }, deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: cancellationToken);
            return true;
        }
        catch (RpcException)
        {
            return false;
        }
    }

    private static async Task<bool> SocketAnswersAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int? ReadPid(string path)
    {
        try
        {
            return int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static bool IsOurContainerd(int pid, ContainerdConfig config)
    {
        var argv = HostProcess.CommandLine(pid);
        return HostProcess.IsAlive(pid) && argv.Count > 0 && Path.GetFileName(argv[0]) == "containerd" && argv.Contains(config.ConfigPath);
    }

    private static string FindContainerd()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/usr/sbin").Split(':'))
        {
            var candidate = Path.Combine(dir, "containerd");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("containerd is not on PATH; install it (Debian: apt-get install containerd runc containernetworking-plugins)");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "containerd started as PID {Pid} on {Endpoint}")]
    private static partial void LogStarted(ILogger logger, int pid, string endpoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "adopted running containerd PID {Pid} on {Endpoint}")]
    private static partial void LogAdopted(ILogger logger, int pid, string endpoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "containerd PID {Pid} stopped")]
    private static partial void LogStopped(ILogger logger, int pid);
}
