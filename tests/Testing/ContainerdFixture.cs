using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Kubelet.Runtime.Containerd;
using Orchestrator.Kubelet.Images;
using Xunit;
using Orchestrator.Kubelet.Images.Local;

namespace Orchestrator.Testing;

/// <summary>
/// One private containerd for a test run: a temp state dir, its own CNI bridge on a free 10.x /24, the local
/// images <see cref="BusyboxImage"/> and <see cref="PauseImage"/> imported, and a local registry holding
/// <see cref="RegistryBusyboxImage"/>. Use as an xunit class/collection fixture or standalone via
/// <see cref="StartAsync"/>; disposing removes every container, mount, bridge, cgroup and file it made.
/// Needs root and the Debian packages containerd, runc, containernetworking-plugins, busybox-static,
/// catatonit and docker-registry; fails with a clear message otherwise.
/// </summary>
public sealed class ContainerdFixture : IAsyncLifetime, IAsyncDisposable
{
    private static readonly string[] RequiredFiles =
    [
        "/usr/bin/containerd", "/usr/bin/ctr", "/usr/bin/containerd-shim-runc-v2", "/usr/sbin/runc",
        ContainerdConfig.DefaultCniBinDir + "/bridge", ContainerdConfig.DefaultCniBinDir + "/host-local", ContainerdConfig.DefaultCniBinDir + "/loopback",
        LocalImages.BusyboxBinary, LocalImages.CatatonitBinary, "/usr/bin/docker-registry",
    ];

    private static readonly Lazy<Task<OciImage[]>> Images = new(BuildImagesAsync);

    private SubnetReservation? _subnet;
    private ContainerdProcess? _containerd;
    private RegistryProcess? _registry;
    private string? _stateDir;

    public string StateDir => _stateDir ?? throw NotStarted();

    public ContainerdConfig Config => _containerd?.Config ?? throw NotStarted();

    /// <summary>The CRI endpoint: <c>unix:///tmp/orc-ctrd-…/containerd.sock</c>.</summary>
    public string Endpoint => Config.Endpoint;

    public string SocketPath => Config.SocketPath;

    /// <summary>The node's pod CIDR, a free /24 (the bridge is its first address).</summary>
    public string PodCidr => (_subnet ?? throw NotStarted()).Cidr.ToString();

    public string BridgeName => CniConfig.BridgeNameFor(StateDir);

    /// <summary>The cgroup parent a kubelet on this containerd puts pod cgroups under (<c>&lt;parent&gt;/pod&lt;uid&gt;</c>); removed on dispose.</summary>
    public string CgroupParent => ContainerdCleanup.CgroupParentFor(StateDir);

    /// <summary>The local registry, <c>127.0.0.1:&lt;port&gt;</c>.</summary>
    public string RegistryHost => (_registry ?? throw NotStarted()).Host;

    public RegistryProcess Registry => _registry ?? throw NotStarted();

    public string BusyboxImage => LocalImages.BusyboxReference;

    public string PauseImage => LocalImages.PauseReference;

    /// <summary>busybox in the local registry: <c>127.0.0.1:&lt;port&gt;/busybox:1.35</c> (CRI pulls it over plain HTTP).</summary>
    public string RegistryBusyboxImage => $"{RegistryHost}/busybox:1.35";

    /// <summary>
    /// <c>busybox:1.35</c> as a pod would name it (docker.io/library/busybox:1.35): containerd resolves docker.io
    /// through the local registry (a hosts.toml mirror), so CRI PullImage works without the internet.
    /// </summary>
    public string MirroredBusyboxImage => "busybox:1.35";

    /// <summary>The busybox image as built (digest, config ID) for assertions.</summary>
    public OciImage Busybox { get; private set; } = null!;

    public static async Task<ContainerdFixture> StartAsync(CancellationToken cancellationToken = default)
    {
        var fixture = new ContainerdFixture();
        try
        {
            await fixture.StartCoreAsync(cancellationToken);
            return fixture;
        }
        catch
        {
            await fixture.DisposeAsync();
            throw;
        }
    }

    Task IAsyncLifetime.InitializeAsync() => StartCoreAsync(CancellationToken.None);

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
            _registry = null;
        }

        if (_containerd is not null)
        {
            await _containerd.StopAsync(cleanup: true);
            _containerd = null;
        }

        _subnet?.Dispose();
        _subnet = null;
        if (_stateDir is not null && Directory.Exists(_stateDir))
        {
            Directory.Delete(_stateDir, recursive: true);
        }
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        CheckPrerequisites();
        var images = Images.Value;
        _subnet = await NetworkAllocator.ReserveAsync(24, cancellationToken);
        _stateDir = Path.Combine(Path.GetTempPath(), $"orc-ctrd-{Guid.NewGuid().ToString("N")[..8]}");
        var config = ContainerdConfig.ForStateDir(_stateDir);
        CniConfig.Write(config.CniConfDir, _subnet.Cidr, CniConfig.BridgeNameFor(config.StateDir), config.IpamDataDir);
        var registry = RegistryProcess.StartAsync(Path.Combine(_stateDir, "registry"), cancellationToken);
        try
        {
            _containerd = await ContainerdProcess.StartAsync(config, NullLogger.Instance, cancellationToken);
        }
        finally
        {
            // Owned even when containerd failed, so DisposeAsync stops it.
            _registry = await registry;
        }

        var built = await images;
        Busybox = built[0];
        await ImageImporter.ImportAsync(config.SocketPath, built, cancellationToken);
        using var http = new HttpClient();
        var pusher = new RegistryPusher(http);
        await pusher.PushAsync(Registry.BaseAddress, "busybox", "1.35", Busybox, cancellationToken);
        await pusher.PushAsync(Registry.BaseAddress, "library/busybox", "1.35", Busybox, cancellationToken);
        RegistryMirror.Write(config.RegistryConfigDir, "docker.io", Registry.BaseAddress);
    }

    private static async Task<OciImage[]> BuildImagesAsync()
    {
        var busybox = await LocalImages.BuildBusyboxAsync();
        return [busybox, LocalImages.BuildPause()];
    }

    private static void CheckPrerequisites()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException("ContainerdFixture needs root: containerd mounts overlays, creates network namespaces, bridges and cgroups");
        }

        var missing = RequiredFiles.Where(f => !File.Exists(f)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"ContainerdFixture: missing {string.Join(", ", missing)}; install them: apt-get install containerd runc containernetworking-plugins busybox-static catatonit docker-registry");
        }
    }

    private static InvalidOperationException NotStarted() => new("ContainerdFixture is not started: use it as an xunit fixture or call StartAsync");
}
