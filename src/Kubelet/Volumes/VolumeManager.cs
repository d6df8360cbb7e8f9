namespace Orchestrator.Kubelet.Volumes;

/// <summary>
/// Sets up and tears down pods' volumes under <c>&lt;podsRoot&gt;/&lt;podUid&gt;/volumes/&lt;plugin&gt;/&lt;volumeName&gt;</c>
/// (upstream's layout and plugin names; hostPath volumes are used in place). Thread-safe across pods;
/// calls for one pod must not overlap (the pod worker serialises them).
/// </summary>
/// <param name="podsRoot">The kubelet's pods directory, <c>&lt;kubeletRoot&gt;/pods</c>.</param>
/// <param name="sources">Where configMaps and secrets are read (the pod's caller registers it there first).</param>
/// <param name="events">Where FailedMount events go.</param>
/// <param name="logger">The logger.</param>
/// <param name="mounter">Mounts tmpfs; <see cref="LinuxMounter"/> when null.</param>
/// <param name="time">Names the timestamped data directories; the system clock when null.</param>
/// <param name="nodeAllocatable">The node's allocatable, which downward API resource values show for missing limits.</param>
/// <param name="tokens">Service-account tokens for projected volumes (TokenRequest); null: serviceAccountToken sources fail.</param>
/// <param name="claims">Where persistentVolumeClaim volumes' claims and volumes are read; null: such volumes wait forever.</param>
internal sealed partial class VolumeManager(
    string podsRoot,
    IVolumeSources sources,
    IEventRecorder events,
    ILogger<VolumeManager> logger,
    IMounter? mounter = null,
    TimeProvider? time = null,
    Func<IDictionary<string, ResourceQuantity>?>? nodeAllocatable = null,
    Tokens.IServiceAccountTokens? tokens = null,
    IPersistentVolumes? claims = null)
{
    private readonly string _podsRoot = podsRoot;
    private readonly IVolumeSources _sources = sources;
    private readonly IEventRecorder _events = events;
    private readonly ILogger<VolumeManager> _logger = logger;
    private readonly IMounter _mounter = mounter ?? new LinuxMounter();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Func<IDictionary<string, ResourceQuantity>?> _nodeAllocatable = nodeAllocatable ?? (() => null);
    private readonly Tokens.IServiceAccountTokens? _tokens = tokens;
    private readonly IPersistentVolumes? _claims = claims;

    /// <summary>
    /// Materialises every volume of the pod, refreshing projected contents that changed. Idempotent;
    /// called on every pod sync. Every volume is attempted; each failure is recorded as a Warning
    /// FailedMount event on the pod, and the first is thrown (also on a later sync of a pod that was
    /// set up before: the caller decides whether running containers keep running, as upstream's do).
    /// Volumes that cannot even be resolved (a claim not bound yet) are reported together as upstream's kubelet
    /// does, in one "Unable to attach or mount volumes" FailedMount event, when a container mounts them.
    /// </summary>
    /// <exception cref="VolumeSetupException">A volume cannot be set up.</exception>
    public async Task<PodVolumes> SetUpAsync(V1Pod pod, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var uid = ValidUid(pod.Metadata?.Uid);
        var volumesDir = Path.Join(_podsRoot, uid, "volumes");
        Directory.CreateDirectory(volumesDir);
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        VolumeSetupException? first = null;
        var unprocessed = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var volume in pod.Spec?.Volumes ?? [])
        {
            try
            {
                paths[volume.Name] = await SetUpVolumeAsync(pod, volume, volumesDir, ct);
            }
            catch (VolumeProcessingException e)
            {
                unprocessed[volume.Name] = e.Message;
            }
            catch (Exception e) when (e is VolumeSetupException or IOException or UnauthorizedAccessException)
            {
                var failure = e as VolumeSetupException ?? new VolumeSetupException(e.Message, e); // e.g. a hostPath the kubelet may not create
                LogSetUpFailed(pod.Metadata!.NamespaceProperty, pod.Metadata.Name, volume.Name, failure.Message);
                _events.Record(pod, "Warning", "FailedMount", $"MountVolume.SetUp failed for volume \"{volume.Name}\" : {failure.Message}");
                first ??= failure;
            }
        }

        if (unprocessed.Count > 0 && NotProcessed(pod, paths, unprocessed) is { } waiting)
        {
            LogNotProcessed(pod.Metadata!.NamespaceProperty, pod.Metadata.Name, waiting.Message);
            _events.Record(pod, "Warning", "FailedMount", "Unable to attach or mount volumes: " + waiting.Message);
            first ??= waiting;
        }

        return first is null ? new PodVolumes(paths) : throw first;
    }

    /// <summary>
    /// Upstream's WaitForAttachAndMount error: the volumes containers mount that are not set up, the unattached ones
    /// (none: no volume kind here attaches), those that could not be processed and why. Null when no container
    /// mounts an unprocessed volume (upstream does not wait for those).
    /// </summary>
    private static VolumeSetupException? NotProcessed(V1Pod pod, Dictionary<string, string> paths, SortedDictionary<string, string> unprocessed)
    {
        var mounted = (pod.Spec?.InitContainers ?? []).Concat(pod.Spec?.Containers ?? [])
            .SelectMany(c => c.VolumeMounts ?? [])
            .Select(m => m.Name)
            .ToHashSet(StringComparer.Ordinal);
        var unmounted = mounted.Where(n => !paths.ContainsKey(n)).Order(StringComparer.Ordinal).ToList();
        var failed = unprocessed.Where(u => mounted.Contains(u.Key)).ToList();
        return failed.Count == 0
            ? null
            : new VolumeSetupException(
                $"unmounted volumes=[{string.Join(' ', unmounted)}], unattached volumes=[], failed to process volumes=[{string.Join(' ', failed.Select(f => f.Key))}]: {string.Join("; ", failed.Select(f => f.Value))}");
    }

    /// <summary>Unmounts the pod's tmpfs volumes and removes its directory. Idempotent.</summary>
    public async Task TearDownAsync(string podUid, CancellationToken ct)
    {
        var uid = ValidUid(podUid);
        _tokens?.Forget(uid);
        var podDir = Path.Join(_podsRoot, uid);
        if (Directory.Exists(podDir))
        {
            var volumesDir = Path.Join(podDir, "volumes");
            var volumeDirs = Directory.Exists(volumesDir)
                ? Directory.EnumerateDirectories(volumesDir).SelectMany(Directory.EnumerateDirectories).ToList()
                : [];
            foreach (var dir in volumeDirs.Where(_mounter.IsMountPoint))
            {
                await _mounter.UnmountAsync(dir, ct);
                if (_mounter.IsMountPoint(dir))
                {
                    throw new IOException($"{dir} is still a mount point after umount: not removing pod directory {podDir}");
                }
            }

            Directory.Delete(podDir, recursive: true);
            LogTornDown(uid);
        }
    }

    /// <summary>
    /// Writes the pod's kubelet-managed hosts file, <c>&lt;podsRoot&gt;/&lt;podUid&gt;/etc-hosts</c> (mode 0644,
    /// rewritten only when its content changes), and returns its path for the container mounts.
    /// Upstream mounts it into every container of a pod that has an IP, unless the container mounts /etc/hosts itself.
    /// </summary>
    /// <param name="pod">The pod.</param>
    /// <param name="podIps">The pod's IPs (the node's for a host-network pod).</param>
    /// <param name="clusterDomain">The cluster's DNS domain, for pods with a subdomain.</param>
    /// <param name="nodeHostsFile">The node's hosts file, which host-network pods see; /etc/hosts when null.</param>
    public string WriteEtcHosts(V1Pod pod, IReadOnlyList<string> podIps, string clusterDomain = EtcHosts.DefaultClusterDomain, string? nodeHostsFile = null)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var podDir = Path.Join(_podsRoot, ValidUid(pod.Metadata?.Uid));
        Directory.CreateDirectory(podDir);
        var content = pod.Spec?.HostNetwork == true
            ? EtcHosts.HostNetworkContent(pod, File.ReadAllText(nodeHostsFile ?? "/etc/hosts"))
            : EtcHosts.ManagedContent(pod, podIps, clusterDomain);
        var path = Path.Join(podDir, "etc-hosts");
        if (!File.Exists(path) || File.ReadAllText(path) != content)
        {
            var temp = path + ".tmp";
            File.WriteAllText(temp, content);
            UnixFiles.SetMode(temp, (UnixFileMode)0b110_100_100);
            File.Move(temp, path, overwrite: true); // a container never sees a half-written file
        }

        return path;
    }

    /// <summary>The uids of the pods that have a directory under the pods root (for orphan cleanup).</summary>
    public IReadOnlyList<string> PodUidsOnDisk() =>
        Directory.Exists(_podsRoot)
            ? Directory.EnumerateDirectories(_podsRoot).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal).ToList()
            : [];

    private async Task<string> SetUpVolumeAsync(V1Pod pod, V1Volume volume, string volumesDir, CancellationToken ct)
    {
        var ns = pod.Metadata?.NamespaceProperty ?? string.Empty;
        switch (VolumePlugins.KindOf(volume))
        {
            case "emptyDir":
                var emptyDir = Path.Join(volumesDir, VolumePlugins.EmptyDir, volume.Name);
                if (await EmptyDirVolume.SetUpAsync(emptyDir, volume.EmptyDir?.Medium, volume.EmptyDir?.SizeLimit, _mounter, ct))
                {
                    // Once, when new, as upstream does on mount: a walk of a full volume on every sync would be slow.
                    var security = pod.Spec?.SecurityContext;
                    VolumeOwnership.Apply(emptyDir, security?.FsGroup, readOnly: false, security?.FsGroupChangePolicy);
                }

                return emptyDir;
            case "hostPath":
                return HostPathVolume.SetUp(volume.HostPath);
            case "persistentVolumeClaim":
                var claimed = await PersistentVolumeClaimVolume.ResolveAsync(pod, volume, _claims, ct);
                return PersistentVolumeClaimVolume.SetUp(pod, volume.Name, claimed, volumesDir);
            case "configMap":
                var cm = volume.ConfigMap;
                var configMap = Payloads.Required(_sources.GetConfigMap(ns, cm.Name), cm.Optional, "configmap", cm.Name);
                return await WriteAsync(pod, volumesDir, VolumePlugins.ConfigMap, volume.Name, null, Payloads.ForConfigMap(cm.Items, configMap, cm.DefaultMode, cm.Optional == true), ct);
            case "secret":
                var s = volume.Secret;
                var secret = Payloads.Required(_sources.GetSecret(ns, s.SecretName), s.Optional, "secret", s.SecretName);
                return await WriteAsync(pod, volumesDir, VolumePlugins.Secret, volume.Name, EmptyDirVolume.MemoryMedium, Payloads.ForSecret(s.Items, secret, s.DefaultMode, s.Optional == true), ct);
            case "downwardAPI":
                var downward = DownwardApiPayload.Make(volume.DownwardAPI.Items, pod, volume.DownwardAPI.DefaultMode, _nodeAllocatable());
                return await WriteAsync(pod, volumesDir, VolumePlugins.DownwardApi, volume.Name, null, downward, ct);
            case "projected":
                var projected = ProjectedPayload.Make(volume.Projected, pod, _sources, _nodeAllocatable(), await FetchTokensAsync(pod, volume.Projected, ct));
                return await WriteAsync(pod, volumesDir, VolumePlugins.Projected, volume.Name, EmptyDirVolume.MemoryMedium, projected, ct);
            case var kind:
                throw new VolumeSetupException($"{kind} volumes are not supported by this kubelet (only emptyDir, hostPath, configMap, secret, downwardAPI, projected and persistentVolumeClaim are)");
        }
    }

    /// <summary>The tokens of a projected volume's serviceAccountToken sources; null without a token client.</summary>
    private async Task<IReadOnlyDictionary<V1ServiceAccountTokenProjection, string>?> FetchTokensAsync(V1Pod pod, V1ProjectedVolumeSource projected, CancellationToken ct)
    {
        if (_tokens is null)
        {
            return null;
        }

        var tokens = new Dictionary<V1ServiceAccountTokenProjection, string>(ReferenceEqualityComparer.Instance);
        foreach (var source in projected.Sources ?? [])
        {
            if (source.ServiceAccountToken is { } projection)
            {
                tokens[projection] = await _tokens.GetTokenAsync(pod, projection, ct);
            }
        }

        return tokens;
    }

    private async Task<string> WriteAsync(V1Pod pod, string volumesDir, string plugin, string name, string? medium, Dictionary<string, FileProjection> payload, CancellationToken ct)
    {
        var dir = Path.Join(volumesDir, plugin, name);
        var created = await EmptyDirVolume.SetUpAsync(dir, medium, null, _mounter, ct);
        if (AtomicWriter.Write(dir, payload, _time) || created)
        {
            // These volumes are read-only to containers; upstream applies fsGroup to them without a change policy.
            VolumeOwnership.Apply(dir, pod.Spec?.SecurityContext?.FsGroup, readOnly: true, changePolicy: null);
            LogWritten(dir, payload.Count);
        }

        return dir;
    }

    private static string ValidUid(string? uid) =>
        string.IsNullOrEmpty(uid) || uid.Contains('/', StringComparison.Ordinal) || uid is "." or ".."
            ? throw new ArgumentException($"invalid pod uid \"{uid}\"", nameof(uid))
            : uid;

    [LoggerMessage(Level = LogLevel.Warning, Message = "MountVolume.SetUp failed for volume {Volume} of pod {Namespace}/{Pod}: {Error}")]
    private partial void LogSetUpFailed(string @namespace, string pod, string volume, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unable to attach or mount volumes for pod {Namespace}/{Pod}: {Error}")]
    private partial void LogNotProcessed(string @namespace, string pod, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Wrote {Count} files into {Dir}")]
    private partial void LogWritten(string dir, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Tore down the volumes of pod {Uid}")]
    private partial void LogTornDown(string uid);
}
