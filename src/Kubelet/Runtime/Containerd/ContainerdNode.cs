using Orchestrator.Kubelet.Images;
using Orchestrator.Kubelet.Server;
using Orchestrator.Kubelet.Server.Authorization;
using Orchestrator.Kubelet.Images.Local;
using Orchestrator.Kubelet.Stats;
using Orchestrator.Kubelet.Stats.Host;

namespace Orchestrator.Kubelet.Runtime.Containerd;

/// <summary>
/// One real node on containerd: its private containerd (adopted if running, else started, with the
/// local busybox and pause images imported) or an existing CRI runtime (<see cref="ContainerdNodeOptions.RuntimeEndpoint"/>,
/// used as it is), the CRI connection, and — per controller context — the kubelet that runs the node's pods
/// (<see cref="CreateKubelet"/>). Disposing stops what this instance started.
/// </summary>
public sealed partial class ContainerdNode : IAsyncDisposable
{
    private readonly ContainerdProcess? _containerd;
    private readonly KubeletServer _server;
    private readonly bool _started;
    private readonly ILogger _logger;
    private readonly SubjectAccessReviewAuthorizer? _authorizer;

    private ContainerdNode(ContainerdNodeOptions options, ContainerdProcess? containerd, bool started, CriClient cri, string runtimeVersion, KubeletServer server, SubjectAccessReviewAuthorizer? authorizer, ILogger logger)
    {
        _authorizer = authorizer;
        Options = options;
        _server = server;
        _containerd = containerd;
        _started = started;
        Cri = cri;
        RuntimeVersion = runtimeVersion;
        _logger = logger;
    }

    public ContainerdNodeOptions Options { get; }

    public CriClient Cri { get; }

    /// <summary>The private containerd's configuration; on an existing runtime there is none.</summary>
    public ContainerdConfig Containerd => _containerd?.Config
        ?? throw new InvalidOperationException($"node {Options.NodeName} uses the existing CRI runtime at {Options.RuntimeEndpoint}, not a private containerd");

    /// <summary>The CRI endpoint the node talks to: the private containerd's socket or <see cref="ContainerdNodeOptions.RuntimeEndpoint"/>.</summary>
    public string Endpoint => Options.RuntimeEndpoint ?? Containerd.Endpoint;

    /// <summary>
    /// The cgroup pod cgroups go under (Linux): <see cref="ContainerdNodeOptions.CgroupRoot"/>, else the private
    /// containerd's own parent (removed with it), else upstream's <c>/kubepods</c>.
    /// </summary>
    public string CgroupRoot => CgroupRootFor(Options, _containerd);

    public string RuntimeVersion { get; }

    /// <summary>The address the node registers and serves on: <see cref="ContainerdNodeOptions.NodeIp"/>, else the host's primary address.</summary>
    public string NodeIp => Options.NodeIp ?? HostAddress.Primary();

    /// <summary>The port the kubelet server (logs, exec, attach, port-forward) listens on.</summary>
    public int ServerPort => _server.Port;

    /// <summary>Why a real node cannot run here (not root, a package missing), or null when it can.</summary>
    public static string? Unavailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "real nodes run on Linux here (Windows nodes use containerd's named pipe; see README)";
        }

        if (!Environment.IsPrivilegedProcess)
        {
            return "running containers needs root";
        }

        foreach (var (tool, package) in new[] { ("containerd", "containerd"), ("runc", "runc"), ("ctr", "containerd") })
        {
            if (!OnPath(tool))
            {
                return $"{tool} is not installed (apt-get install {package}; scripts/setup.sh installs everything)";
            }
        }

        foreach (var (file, package) in new[] { ("/usr/lib/cni/bridge", "containernetworking-plugins"), (LocalImages.BusyboxBinary, "busybox-static"), (LocalImages.CatatonitBinary, "catatonit") })
        {
            if (!File.Exists(file))
            {
                return $"{file} is missing (apt-get install {package})";
            }
        }

        return null;
    }

    /// <summary>
    /// Adopts or starts the node's containerd, makes the local images present and connects CRI; on an existing
    /// runtime (<see cref="ContainerdNodeOptions.RuntimeEndpoint"/>) only connects.
    /// </summary>
    public static async Task<ContainerdNode> StartAsync(ContainerdNodeOptions options, ILoggerFactory loggers, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        if (!Ipv4Cidr.TryParse(options.ClusterCidr, out _))
        {
            throw new ArgumentException($"cluster CIDR '{options.ClusterCidr}' is not an IPv4 CIDR (a.b.c.d/n)", nameof(options));
        }

        var logger = loggers.CreateLogger<ContainerdNode>();
        Directory.CreateDirectory(options.RootDir);
        var containerd = options.ExternalRuntime ? null : await ContainerdProcess.AdoptAsync(options.StateDir, logger, ct);
        var started = containerd is null && !options.ExternalRuntime;
        if (started)
        {
            containerd = await ContainerdProcess.StartAsync(ContainerdConfig.ForStateDir(options.StateDir), logger, ct);
        }

        try
        {
            if (containerd is not null)
            {
                await EnsureLocalImagesAsync(containerd.Config, ct);
            }

            var cri = CriClient.Connect(options.RuntimeEndpoint ?? containerd!.Endpoint);
            var version = await cri.Runtime.VersionAsync(new Cri.Api.VersionRequest { Version = "v1" }, cancellationToken: ct);
            var stats = options.Stats
                ? new CriStatsProvider(cri.Runtime, cri.Images, new CriStatsProviderOptions(options.NodeName, options.RootDir), HostStats.ForThisHost(CgroupRootFor(options, containerd), TimeProvider.System), TimeProvider.System)
                : null;
            var authorizer = options.WebhookAuthorization == true ? new SubjectAccessReviewAuthorizer(options.NodeName, TimeProvider.System) : null;
            var server = new KubeletServer(
                new CriStreamingRuntime(cri.Runtime),
                new KubeletServerOptions { Port = options.Port, ServingCertificate = options.ServingCertificate, ClientCertificateAuthority = options.ClientCertificateAuthority, Authorizer = authorizer, Stats = stats },
                loggers);
            await server.StartAsync(ct);
            return new ContainerdNode(options, containerd, started, cri, $"{version.RuntimeName}://{version.RuntimeVersion}", server, authorizer, logger);
        }
        catch
        {
            if (started)
            {
                await containerd!.StopAsync(cleanup: true, CancellationToken.None);
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Cri.Dispose();
        if (_started)
        {
            LogStopping(_containerd!.Pid);
            await _containerd.StopAsync(cleanup: true, CancellationToken.None);
        }
    }

    /// <summary>The busybox and pause images built from this machine's binaries, imported unless present.</summary>
    private static async Task EnsureLocalImagesAsync(ContainerdConfig config, CancellationToken ct)
    {
        var present = await ImageImporter.ListAsync(config.SocketPath, ct);
        var missing = new List<OciImage>();
        if (!present.Contains(LocalImages.PauseReference))
        {
            missing.Add(LocalImages.BuildPause());
        }

        if (!present.Contains(LocalImages.BusyboxReference))
        {
            missing.Add(await LocalImages.BuildBusyboxAsync(cancellationToken: ct));
        }

        if (missing.Count > 0)
        {
            await ImageImporter.ImportAsync(config.SocketPath, missing, ct);
        }
    }

    private static string CgroupRootFor(ContainerdNodeOptions options, ContainerdProcess? containerd) =>
        options.CgroupRoot ?? (containerd is null ? "/kubepods" : ContainerdCleanup.CgroupParentFor(containerd.Config.StateDir));

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':').Any(dir => File.Exists(Path.Combine(dir, tool)));

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping the containerd this kubelet started (pid {Pid})")]
    private partial void LogStopping(int pid);
}
