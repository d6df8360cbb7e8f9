using k8s.Models;
using Microsoft.Extensions.Logging;
using Orchestrator.Client;

namespace Orchestrator.Kubelet.Volumes;

/// <summary>
/// Sets up and tears down pods' volumes under <c>&lt;podsRoot&gt;/&lt;podUid&gt;/volumes/&lt;plugin&gt;/&lt;volumeName&gt;</c>
/// (upstream's layout and plugin names; hostPath volumes are used in place). Thread-safe across pods;
/// calls for one pod must not overlap (the pod worker serialises them).
/// </summary>
public sealed partial class VolumeManager
{
    private readonly string _podsRoot;
    private readonly IVolumeSources _sources;
    private readonly IEventRecorder _events;
    private readonly ILogger<VolumeManager> _logger;
    private readonly IMounter _mounter;
    private readonly TimeProvider _time;
    private readonly Func<IDictionary<string, ResourceQuantity>?> _nodeAllocatable;

    /// <param name="podsRoot">The kubelet's pods directory, <c>&lt;kubeletRoot&gt;/pods</c>.</param>
    /// <param name="sources">Where configMaps and secrets are read.</param>
    /// <param name="events">Where FailedMount events go.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="mounter">Mounts tmpfs; <see cref="LinuxMounter"/> when null.</param>
    /// <param name="time">Names the timestamped data directories; the system clock when null.</param>
    /// <param name="nodeAllocatable">The node's allocatable, which downward API resource values show for missing limits.</param>
    public VolumeManager(
        string podsRoot,
        IVolumeSources sources,
        IEventRecorder events,
        ILogger<VolumeManager> logger,
        IMounter? mounter = null,
        TimeProvider? time = null,
        Func<IDictionary<string, ResourceQuantity>?>? nodeAllocatable = null)
    {
        _podsRoot = podsRoot;
        _sources = sources;
        _events = events;
        _logger = logger;
        _mounter = mounter ?? new LinuxMounter();
        _time = time ?? TimeProvider.System;
        _nodeAllocatable = nodeAllocatable ?? (() => null);
    }

    /// <summary>Which set-up pods project which configMaps and secrets (for <see cref="VolumeSourceWatcher"/>).</summary>
    public VolumeSourceIndex References { get; } = new();

    /// <summary>
    /// Materialises every volume of the pod, refreshing projected contents that changed. Idempotent;
    /// called on every pod sync. Every volume is attempted; each failure is recorded as a Warning
    /// FailedMount event on the pod, and the first is thrown (also on a later sync of a pod that was
    /// set up before: the caller decides whether running containers keep running, as upstream's do).
    /// </summary>
    /// <exception cref="VolumeSetupException">A volume cannot be set up.</exception>
    public async Task<PodVolumes> SetUpAsync(V1Pod pod, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var uid = ValidUid(pod.Metadata?.Uid);
        References.Set(uid, NamespacedName.Of(pod), VolumeSourceIndex.RefsOf(pod));
        var volumesDir = Path.Join(_podsRoot, uid, "volumes");
        Directory.CreateDirectory(volumesDir);
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        VolumeSetupException? first = null;
        foreach (var volume in pod.Spec?.Volumes ?? [])
        {
            try
            {
                paths[volume.Name] = await SetUpVolumeAsync(pod, volume, volumesDir, ct);
            }
            catch (VolumeSetupException e)
            {
                LogSetUpFailed(pod.Metadata!.NamespaceProperty, pod.Metadata.Name, volume.Name, e.Message);
                _events.Record(pod, "Warning", "FailedMount", $"MountVolume.SetUp failed for volume \"{volume.Name}\" : {e.Message}");
                first ??= e;
            }
        }

        return first is null ? new PodVolumes(paths) : throw first;
    }

    /// <summary>Unmounts the pod's tmpfs volumes and removes its directory. Idempotent.</summary>
    public async Task TearDownAsync(string podUid, CancellationToken ct)
    {
        var uid = ValidUid(podUid);
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

        References.Remove(uid);
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
                await EmptyDirVolume.SetUpAsync(emptyDir, volume.EmptyDir?.Medium, volume.EmptyDir?.SizeLimit, _mounter, ct);
                return emptyDir;
            case "hostPath":
                return HostPathVolume.SetUp(volume.HostPath);
            case "configMap":
                var cm = volume.ConfigMap;
                var configMap = Payloads.Required(_sources.GetConfigMap(ns, cm.Name), cm.Optional, "configmap", cm.Name);
                return await WriteAsync(volumesDir, VolumePlugins.ConfigMap, volume.Name, null, Payloads.ForConfigMap(cm.Items, configMap, cm.DefaultMode, cm.Optional == true), ct);
            case "secret":
                var s = volume.Secret;
                var secret = Payloads.Required(_sources.GetSecret(ns, s.SecretName), s.Optional, "secret", s.SecretName);
                return await WriteAsync(volumesDir, VolumePlugins.Secret, volume.Name, EmptyDirVolume.MemoryMedium, Payloads.ForSecret(s.Items, secret, s.DefaultMode, s.Optional == true), ct);
            case "downwardAPI":
                var downward = DownwardApiPayload.Make(volume.DownwardAPI.Items, pod, volume.DownwardAPI.DefaultMode, _nodeAllocatable());
                return await WriteAsync(volumesDir, VolumePlugins.DownwardApi, volume.Name, null, downward, ct);
            case "projected":
                var projected = ProjectedPayload.Make(volume.Projected, pod, _sources, _nodeAllocatable());
                return await WriteAsync(volumesDir, VolumePlugins.Projected, volume.Name, EmptyDirVolume.MemoryMedium, projected, ct);
            case var kind:
                throw new VolumeSetupException($"{kind} volumes are not supported by this kubelet (only emptyDir, hostPath, configMap, secret, downwardAPI and projected are)");
        }
    }

    private async Task<string> WriteAsync(string volumesDir, string plugin, string name, string? medium, Dictionary<string, FileProjection> payload, CancellationToken ct)
    {
        var dir = Path.Join(volumesDir, plugin, name);
        await EmptyDirVolume.SetUpAsync(dir, medium, null, _mounter, ct);
        if (AtomicWriter.Write(dir, payload, _time))
        {
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Wrote {Count} files into {Dir}")]
    private partial void LogWritten(string dir, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Tore down the volumes of pod {Uid}")]
    private partial void LogTornDown(string uid);
}
