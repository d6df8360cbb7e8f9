namespace Orchestrator.Kubelet.Probes;

/// <summary>
/// Probes one container id with one probe kind, every periodSeconds on the manager's TimeProvider
/// (upstream's prober worker). A tick that comes while the previous attempt still runs is skipped, as a
/// Go ticker drops ticks. Upstream's random initial jitter is left out so that timing is deterministic.
/// </summary>
internal sealed class ProbeWorker
{
    private readonly ProbeManager _owner;
    private readonly ProbeCounter _counter;
    private readonly CancellationTokenSource _stop = new();
    private ITimer? _timer;
    private int _busy;

    public ProbeWorker(ProbeManager owner, ContainerProbes container, ProbeKind kind, V1Probe probe)
    {
        _owner = owner;
        Container = container;
        Kind = kind;
        Probe = probe;
        Settings = ProbeSettings.Of(probe);
        _counter = new ProbeCounter(Settings.SuccessThreshold, Settings.FailureThreshold);
    }

    public ContainerProbes Container { get; }

    public ProbeKind Kind { get; }

    public V1Probe Probe { get; }

    public ProbeSettings Settings { get; }

    public bool Stopped => _stop.IsCancellationRequested;

    /// <summary>Starts ticking: the first attempt is due at once, then one per period.</summary>
    public void Start(TimeProvider time) => _timer = time.CreateTimer(_ => Tick(), null, TimeSpan.Zero, Settings.Period);

    /// <summary>Stops ticking and cancels an attempt in flight; idempotent.</summary>
    public void Stop()
    {
        _timer?.Dispose();
        _stop.Cancel();
    }

    private void Tick()
    {
        if (Stopped || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            return;
        }

        _owner.Track(RunAsync());
    }

    private async Task RunAsync()
    {
        try
        {
            await ProbeOnceAsync().ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    private async Task ProbeOnceAsync()
    {
        if (_owner.Prepare(this) is not { } attempt)
        {
            return;
        }

        // A pod being deleted must not be restarted on its way out: liveness and startup end as successes (upstream).
        if (attempt.Pod.Metadata.DeletionTimestamp is not null && Kind != ProbeKind.Readiness)
        {
            _owner.Publish(this, success: true);
            Stop();
            return;
        }

        // Liveness and readiness wait for the startup probe; the startup probe ends with its first success.
        if (Kind != ProbeKind.Startup && !attempt.Started)
        {
            return;
        }

        if (attempt.Now - DateTime.SpecifyKind(Container.Running.StartedAt, DateTimeKind.Utc) < Settings.InitialDelay)
        {
            return;
        }

        ProbeResult result;
        try
        {
            result = await attempt.Runner.RunAsync(Probe, Container.Spec, attempt.PodIp, Container.Running.ContainerId, Settings.Timeout, _stop.Token)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (Stopped)
        {
            return;
        }
        catch (Exception e)
        {
            _owner.Errored(this, attempt.Pod, e);
            return;
        }

        _owner.Attempted(this, attempt.Pod, result);
        if (_counter.Observe(result.Outcome != ProbeOutcome.Failure) is { } published)
        {
            _owner.Publish(this, published);
        }
    }
}
