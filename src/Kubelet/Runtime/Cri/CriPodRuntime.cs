using Orchestrator.Kubelet.Probes;

namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>
/// A node's pods on a CRI runtime (containerd): each sync reads what the runtime holds for the pod
/// (by label, so a restarted kubelet adopts what is running), plans with
/// <see cref="PodActionsPlanner"/>, applies the plan (sandbox, init containers in order,
/// containers; restarts with back-off; kills per probes) and reports what it then observes.
/// Calls for one pod are serialised by the pod worker; different pods run concurrently.
/// </summary>
internal sealed partial class CriPodRuntime : IPodRuntime
{
    private readonly CriClient _cri;
    private readonly CriRuntimeOptions _options;
    private readonly IImageEnsurer _images;
    private readonly VolumeManager _volumes;
    private readonly IVolumeSources _sources;
    private readonly ProbeManager _probes;
    private readonly IEventRecorder _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly KeyedBackoff _backoff;
    private readonly LifecycleHooks _hooks;
    private readonly RuntimeClasses.IRuntimeClasses? _runtimeClasses;

    public CriPodRuntime(CriRuntimeParts parts, string runtimeVersion)
    {
        ArgumentNullException.ThrowIfNull(parts);
        (_cri, _options, _images, _backoff, _volumes, _sources, _probes, _events, _time, _logger) =
            (parts.Cri, parts.Options, parts.Images, parts.RestartBackoff, parts.Volumes, parts.Sources, parts.Probes, parts.Events, parts.Time, parts.Logger);
        _hooks = new LifecycleHooks(_cri.Runtime, _probes.Network, _time);
        _runtimeClasses = parts.RuntimeClasses;
        RuntimeVersion = runtimeVersion;
    }

    /// <summary>"containerd://1.6.20" — from CRI Version.</summary>
    public string RuntimeVersion { get; }

    /// <summary>Asks the runtime its name and version (upstream reports "name://version" in nodeInfo).</summary>
    public static async Task<CriPodRuntime> CreateAsync(CriRuntimeParts parts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var version = await parts.Cri.Runtime.VersionAsync(new VersionRequest { Version = "v1" }, cancellationToken: ct);
        return new CriPodRuntime(parts, $"{version.RuntimeName}://{version.RuntimeVersion}");
    }

    public async Task<ObservedPod> SyncAsync(V1Pod pod, NodeNetwork node, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var sync = new SyncResult();

        // The one read of what the runtime holds for the pod; what this sync changes (kills, a new
        // sandbox, containers it creates) is folded into it from the calls that changed it.
        var state = await RuntimeStateReader.ReadAsync(_cri.Runtime, pod.Metadata.Uid, ct);

        // Before anything reads them: the secrets and configMaps the pod references are watched by name from now on.
        await _sources.RegisterPodAsync(pod, ct);
        PodVolumes volumes;
        try
        {
            volumes = await _volumes.SetUpAsync(pod, ct);
        }
        catch (VolumeSetupException e)
        {
            // Nothing starts until every volume is there; FailedMount was recorded by the volume manager.
            sync.Retry(TimeSpan.FromSeconds(2));
            LogVolumesNotReady(pod.Metadata.NamespaceProperty, pod.Metadata.Name, e.Message);
            return Observe(pod, state, sync);
        }

        var actions = PodActionsPlanner.Compute(pod, state, ContainerHash.Of, ProbeFailure(pod));
        if (actions.KillPod)
        {
            if (actions.CreateSandbox && state.Sandboxes.Count > 0)
            {
                _events.Record(pod, "Normal", "SandboxChanged", "Pod sandbox changed, it will be killed and re-created.");
            }

            state = await KillPodAsync(pod, state, GracePeriod(pod), ct);
            if (!actions.CreateSandbox)
            {
                return Observe(pod, state, sync);
            }
        }
        else
        {
            await Task.WhenAll(actions.ContainersToKill.Select(k => KillContainerAsync(pod, k.Id, k.Name, GracePeriod(pod), k.Message, ct)));
            state = await RefreshAsync(state, actions.ContainersToKill.Select(k => k.Id), ct);
        }

        var sandboxId = actions.SandboxId;
        if (actions.CreateSandbox)
        {
            sandboxId = await RunSandboxAsync(pod, actions.Attempt, sync, ct);
            if (sandboxId is null)
            {
                return Observe(pod, state, sync);
            }

            state = state.With(await RuntimeStateReader.ReadSandboxAsync(_cri.Runtime, sandboxId, ct));
        }

        var sandbox = state.Sandboxes.FirstOrDefault(s => s.Id == sandboxId);
        var ip = pod.Spec.HostNetwork == true ? node.HostIp : sandbox?.Ip ?? pod.Status?.PodIP ?? string.Empty;
        // Ephemeral containers first (upstream's order): a debugger starts even while an init container fails.
        var ephemeral = actions.EphemeralContainersToStart
            .Select(name => pod.Spec.EphemeralContainers.First(c => c.Name == name))
            .Select(c => (Container: EphemeralContainerSpec.ToContainer(c), Target: (string?)c.TargetContainerName));
        var toStart = (actions.NextInitContainer is { } init ? pod.Spec.InitContainers.Where(c => c.Name == init).Take(1) : [])
            .Concat(actions.ContainersToStart.Select(name => pod.Spec.Containers.First(c => c.Name == name)))
            .Select(c => (Container: c, Target: (string?)null));
        foreach (var (container, target) in ephemeral.Concat(toStart))
        {
            var context = new StartContext(pod, sandboxId!, ip, volumes, state, sync);
            if (await StartContainerAsync(context, container, target, ct) is { } started)
            {
                state = state.With(started);
            }
        }

        await PruneAsync(state, ct);
        var running = state.Containers
            .Where(c => c.State == CriContainerState.Running && state.Latest(c.Name) == c)
            .Select(c => new RunningContainer(c.Name, c.Id, c.StartedAt ?? c.CreatedAt))
            .ToList();
        _probes.Sync(pod, ip, running);
        return Observe(pod, state, sync);
    }

    public async Task KillAsync(V1Pod pod, TimeSpan gracePeriod, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var state = await RuntimeStateReader.ReadAsync(_cri.Runtime, pod.Metadata.Uid, ct);
        _ = await KillPodAsync(pod, state, gracePeriod, ct);
        _probes.Remove(pod.Metadata.Uid);

        // Killed for good (deleted or finished): it reads no secret or configMap again, so their watches may stop.
        _sources.UnregisterPod(pod.Metadata.Uid);
    }

    private static TimeSpan GracePeriod(V1Pod pod) =>
        Pods.GracePeriods.FromSeconds(pod.Metadata.DeletionGracePeriodSeconds ?? pod.Spec.TerminationGracePeriodSeconds ?? 30);

    private Func<ContainerRecord, string?> ProbeFailure(V1Pod pod) => record =>
    {
        var status = _probes.Get(pod.Metadata.Uid, record.Name, record.Id);
        return status.LivenessFailed ? $"Container {record.Name} failed liveness probe" : null;
    };

    private async Task<string?> RunSandboxAsync(V1Pod pod, uint attempt, SyncResult sync, CancellationToken ct)
    {
        PodSandboxConfig config;
        string handler;
        try
        {
            // upstream's createPodSandbox: the RuntimeClass's handler first, then the config; either failing is
            // FailedCreatePodSandBox with the error, retried on a later sync.
            handler = await RuntimeHandlerAsync(pod, ct);
            config = SandboxConfigFactory.Build(pod, attempt, _options.Paths, _options.CgroupRoot, _options.Dns, _options.OperatingSystem);
        }
        catch (Exception e) when (e is RuntimeClasses.RuntimeClassLookupException or SandboxConfigException)
        {
            return FailSandbox(pod, sync, e.Message);
        }

        Directory.CreateDirectory(config.LogDirectory);
        try
        {
            var response = await _cri.Runtime.RunPodSandboxAsync(new RunPodSandboxRequest { Config = config, RuntimeHandler = handler }, cancellationToken: ct);
            return response.PodSandboxId;
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled)
        {
            return FailSandbox(pod, sync, e.Status.Detail);
        }
    }

    private string? FailSandbox(V1Pod pod, SyncResult sync, string error)
    {
        var message = $"Failed to create pod sandbox: {error}";
        _events.Record(pod, "Warning", "FailedCreatePodSandBox", message);
        sync.FailAll(pod, "ContainerCreating", message);
        sync.Retry(TimeSpan.FromSeconds(5));
        return null;
    }

    private Task<string> RuntimeHandlerAsync(V1Pod pod, CancellationToken ct) => pod.Spec.RuntimeClassName is not { Length: > 0 } name
        ? Task.FromResult(string.Empty)
        : _runtimeClasses?.HandlerAsync(name, ct)
            ?? throw new RuntimeClasses.RuntimeClassLookupException($"RuntimeClass \"{name}\": this kubelet resolves no RuntimeClasses");

    /// <summary>
    /// Stops the pod's running containers (preStop hooks first, within the grace period) and its
    /// sandboxes; returns <paramref name="state"/> with what it stopped as it now is.
    /// </summary>
    private async Task<PodRuntimeState> KillPodAsync(V1Pod pod, PodRuntimeState state, TimeSpan grace, CancellationToken ct)
    {
        var running = state.Containers.Where(c => c.State is CriContainerState.Running or CriContainerState.Unknown).ToList();
        await Task.WhenAll(running.Select(c => KillContainerAsync(pod, c.Id, c.Name, grace, $"Stopping container {c.Name}", ct)));
        state = await RefreshAsync(state, running.Select(c => c.Id), ct);
        foreach (var sandbox in state.Sandboxes.Where(s => s.Ready))
        {
            await _cri.Runtime.StopPodSandboxAsync(new StopPodSandboxRequest { PodSandboxId = sandbox.Id }, cancellationToken: ct);
            state = state.With(sandbox with { Ready = false, Ip = null });
        }

        return state;
    }

    /// <summary><paramref name="state"/> with the records of the containers <paramref name="ids"/> read again (after a stop).</summary>
    private async Task<PodRuntimeState> RefreshAsync(PodRuntimeState state, IEnumerable<string> ids, CancellationToken ct)
    {
        foreach (var id in ids)
        {
            var known = state.Containers.First(c => c.Id == id);
            state = await RuntimeStateReader.ReadContainerAsync(_cri.Runtime, id, known.SandboxId, ct) is { } record
                ? state.With(record)
                : state with { Containers = state.Containers.Where(c => c.Id != id).ToList() };
        }

        return state;
    }

    private async Task KillContainerAsync(V1Pod pod, string id, string name, TimeSpan grace, string message, CancellationToken ct)
    {
        _events.Record(pod, "Normal", "Killing", message);
        var started = _time.GetTimestamp();
        var spec = pod.Spec.Containers.Concat(pod.Spec.InitContainers ?? []).FirstOrDefault(c => c.Name == name);
        if (spec?.Lifecycle?.PreStop is { } preStop && grace > TimeSpan.Zero)
        {
            var error = await _hooks.RunAsync(preStop, spec, id, PodIp(pod), grace, ct);
            if (error is not null)
            {
                _events.Record(pod, "Warning", "FailedPreStopHook", $"PreStopHook failed: {error}");
            }
        }

        var left = grace - _time.GetElapsedTime(started);
        var timeout = grace <= TimeSpan.Zero ? TimeSpan.Zero : left < _options.MinimumGracePeriod ? _options.MinimumGracePeriod : left;
        try
        {
            await _cri.Runtime.StopContainerAsync(new StopContainerRequest { ContainerId = id, Timeout = (long)Math.Ceiling(timeout.TotalSeconds) }, cancellationToken: ct);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            // already gone
        }
    }

    private static string? PodIp(V1Pod pod) => pod.Status?.PodIP;

    [LoggerMessage(Level = LogLevel.Information, Message = "Pod {Namespace}/{Name}: volumes not ready: {Reason}")]
    private partial void LogVolumesNotReady(string @namespace, string name, string reason);
}
