using Orchestrator.Kubelet.Probes.Network;

namespace Orchestrator.Kubelet.Probes;

/// <summary>
/// Liveness, readiness and startup probes of running containers (upstream's prober manager). One worker
/// per (container id, probe kind) ticks on the injected TimeProvider; results are counted against the
/// probe's thresholds and published through <see cref="Get"/>; every change of a container's Ready,
/// Started or LivenessFailed calls onResultChanged(podUid) so the kubelet resyncs the pod. Failed
/// attempts record "Unhealthy" Warning events on the pod. All public members are thread-safe.
/// </summary>
internal sealed partial class ProbeManager : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, PodProbes> _pods = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    private readonly ProbeRunner _runner;
    private readonly IEventRecorder _events;
    private readonly TimeProvider _time;
    private readonly Action<string> _onResultChanged;
    private readonly ILogger<ProbeManager> _logger;
    private readonly NetworkProber? _ownedNetwork;
    private bool _disposed;

    public ProbeManager(IProbeExec exec, IEventRecorder events, TimeProvider time, Action<string> onResultChanged, ILogger<ProbeManager> logger, IProbeHttp? http = null)
    {
        ArgumentNullException.ThrowIfNull(exec);
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _onResultChanged = onResultChanged ?? throw new ArgumentNullException(nameof(onResultChanged));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        if (http is null)
        {
            _ownedNetwork = new NetworkProber();
            http = _ownedNetwork;
        }

        Network = http;
        _runner = new ProbeRunner(exec, http);
    }

    /// <summary>The HTTP, TCP and gRPC client the probes use; lifecycle hooks' httpGet uses it too.</summary>
    internal IProbeHttp Network { get; }

    /// <summary>
    /// Called on every sync of a pod with the containers the runtime reports running: starts the workers of
    /// containers not probed yet, stops those of containers no longer listed (their results are dropped).
    /// Idempotent; the pod object and IP are refreshed each time.
    /// </summary>
    public void Sync(V1Pod pod, string podIp, IReadOnlyList<RunningContainer> running)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(running);
        var podUid = pod.Metadata?.Uid ?? throw new ArgumentException("pod has no metadata.uid", nameof(pod));
        var stopped = new List<ProbeWorker>();
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_pods.TryGetValue(podUid, out var entry))
            {
                entry = new PodProbes(pod, podIp);
                _pods[podUid] = entry;
            }

            entry.Pod = pod;
            entry.PodIp = podIp;
            var current = running.Select(c => c.ContainerId).ToHashSet(StringComparer.Ordinal);
            foreach (var gone in entry.Containers.Keys.Where(id => !current.Contains(id)).ToList())
            {
                stopped.AddRange(entry.Containers[gone].Workers);
                entry.Containers.Remove(gone);
            }

            foreach (var container in running.Where(c => !entry.Containers.ContainsKey(c.ContainerId)))
            {
                if (entry.SpecOf(container.Name) is not { } spec)
                {
                    continue; // not a probed kind of container (ephemeral, or an init container that runs to completion)
                }

                var probes = new ContainerProbes(podUid, container, spec);
                entry.Containers[container.ContainerId] = probes;
                AddWorker(probes, ProbeKind.Startup, spec.StartupProbe);
                AddWorker(probes, ProbeKind.Readiness, spec.ReadinessProbe);
                AddWorker(probes, ProbeKind.Liveness, spec.LivenessProbe);
            }
        }

        stopped.ForEach(w => w.Stop());
    }

    /// <summary>The pod is gone: stops all of its workers and forgets its results. Idempotent.</summary>
    public void Remove(string podUid)
    {
        List<ProbeWorker> stopped;
        lock (_lock)
        {
            if (!_pods.Remove(podUid, out var entry))
            {
                return;
            }

            stopped = entry.Containers.Values.SelectMany(c => c.Workers).ToList();
        }

        stopped.ForEach(w => w.Stop());
    }

    /// <summary>
    /// What the probes say about a container. A container id without results yet (not synced) is
    /// Started when it has no startup probe and Ready when it has neither a readiness nor a startup probe;
    /// a pod never synced (or removed) reports nothing as ready or started. Only meaningful for a running
    /// container: a container that is not running is neither ready nor started, whatever this says.
    /// </summary>
    public ProbeStatus Get(string podUid, string containerName, string containerId)
    {
        lock (_lock)
        {
            if (!_pods.TryGetValue(podUid, out var entry))
            {
                return new ProbeStatus(false, false, false);
            }

            if (entry.Containers.TryGetValue(containerId, out var probes))
            {
                return probes.Status;
            }

            return entry.SpecOf(containerName) is { } spec ? ContainerProbes.Initial(spec) : new ProbeStatus(true, true, false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<ProbeWorker> stopped;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            stopped = _pods.Values.SelectMany(p => p.Containers.Values).SelectMany(c => c.Workers).ToList();
            _pods.Clear();
        }

        stopped.ForEach(w => w.Stop());
        await Task.WhenAll(_inFlight.Keys).ConfigureAwait(false);
        _ownedNetwork?.Dispose();
    }

    internal void Track(Task attempt)
    {
        if (attempt.IsCompleted)
        {
            return;
        }

        _inFlight.TryAdd(attempt, 0);
        attempt.ContinueWith(t => _inFlight.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>The inputs of one attempt, or null when the worker has been stopped meanwhile.</summary>
    internal ProbeAttempt? Prepare(ProbeWorker worker)
    {
        lock (_lock)
        {
            if (worker.Stopped || !IsCurrent(worker, out var entry))
            {
                return null;
            }

            return new ProbeAttempt(entry.Pod, entry.PodIp, worker.Container.Started, _time.GetUtcNow().UtcDateTime, _runner);
        }
    }

    /// <summary>A threshold was reached: stores the result, and reports a change to the kubelet.</summary>
    internal void Publish(ProbeWorker worker, bool success)
    {
        var container = worker.Container;
        ProbeStatus before, after;
        lock (_lock)
        {
            if (worker.Stopped || !IsCurrent(worker, out _))
            {
                return;
            }

            before = container.Status;
            switch (worker.Kind)
            {
                case ProbeKind.Readiness:
                    container.ReadyResult = success;
                    break;
                case ProbeKind.Startup:
                    container.StartedResult = success;
                    container.LivenessFailed |= !success;
                    break;
                case ProbeKind.Liveness:
                    container.LivenessFailed |= !success;
                    break;
            }

            after = container.Status;
        }

        // A startup probe is done after its first success; a failed liveness or startup probe holds until
        // the kubelet replaces the container (a new id gets new workers).
        if (worker.Kind == ProbeKind.Startup || (worker.Kind == ProbeKind.Liveness && !success))
        {
            worker.Stop();
        }

        if (before == after)
        {
            return;
        }

        LogResultChanged(container.PodUid, container.Spec.Name, container.Running.ContainerId, worker.Kind, success, after);
        try
        {
            _onResultChanged(container.PodUid);
        }
        catch (Exception e)
        {
            LogCallbackFailed(e, container.PodUid);
        }
    }

    /// <summary>One attempt ended with an outcome: events and metrics as upstream's prober.probe.</summary>
    internal void Attempted(ProbeWorker worker, V1Pod pod, ProbeResult result)
    {
        var kind = worker.Kind.ToString();
        Count(worker, pod, result.Outcome == ProbeOutcome.Failure ? "failed" : "successful");
        switch (result.Outcome)
        {
            case ProbeOutcome.Failure:
                LogProbeFailed(pod.Metadata.Uid, worker.Container.Spec.Name, worker.Kind, result.Output);
                _events.Record(pod, EventTypes.Warning, "Unhealthy", $"{kind} probe failed: {result.Output}");
                break;
            case ProbeOutcome.Warning:
                _events.Record(pod, EventTypes.Warning, "ProbeWarning", $"{kind} probe warning: {result.Output}");
                break;
            case ProbeOutcome.Success:
                break;
        }
    }

    /// <summary>One attempt could not run: the result stays as it was.</summary>
    internal void Errored(ProbeWorker worker, V1Pod pod, Exception error)
    {
        Count(worker, pod, "unknown");
        LogProbeErrored(error, pod.Metadata.Uid, worker.Container.Spec.Name, worker.Kind);
        _events.Record(pod, EventTypes.Warning, "Unhealthy", $"{worker.Kind} probe errored: {error.Message}");
    }

    private void AddWorker(ContainerProbes container, ProbeKind kind, V1Probe? probe)
    {
        if (probe is null)
        {
            return;
        }

        var worker = new ProbeWorker(this, container, kind, probe);
        container.Workers.Add(worker);
        worker.Start(_time);
    }

    private bool IsCurrent(ProbeWorker worker, out PodProbes entry) =>
        _pods.TryGetValue(worker.Container.PodUid, out entry!)
        && entry.Containers.TryGetValue(worker.Container.Running.ContainerId, out var current)
        && ReferenceEquals(current, worker.Container);

    private static void Count(ProbeWorker worker, V1Pod pod, string result) =>
        ProbeMetrics.Probes.WithLabels(
            worker.Kind.ToString(), result, worker.Container.Spec.Name, pod.Metadata.Name ?? string.Empty,
            pod.Metadata.NamespaceProperty ?? string.Empty, pod.Metadata.Uid ?? string.Empty).Inc();
}
