using Prometheus;

namespace Orchestrator.Kubelet.Metrics;

/// <summary>
/// The kubelet's pod metrics (upstream pkg/kubelet/metrics), same names and buckets, for the pods of one kubelet host:
/// <c>kubelet_running_pods</c> and <c>kubelet_running_containers{container_state}</c> from what the runtime last reported
/// for each live pod (set before each scrape), and <c>kubelet_pod_start_duration_seconds</c> from the kubelet first seeing
/// a pod to the sync that reports it Running. Several kubelet hosts in one process (<c>up --hollow-nodes</c> with real
/// nodes, a test's nodes) add up: upstream has one kubelet per process and no node label, so the gauges stay unlabelled
/// and count the process's pods. Thread-safe.
/// </summary>
internal sealed class KubeletPodMetrics : IDisposable
{
    // upstream's podStartupDurationBuckets, 0.5 s to an hour.
    private static readonly double[] StartBuckets = [0.5, 1, 2, 3, 4, 5, 6, 8, 10, 20, 30, 45, 60, 120, 180, 240, 300, 360, 480, 600, 900, 1200, 1800, 2700, 3600];

    private static readonly Gauge RunningPods = Prometheus.Metrics.CreateGauge(
        "kubelet_running_pods", "Number of pods that have a running pod sandbox");

    private static readonly Gauge RunningContainers = Prometheus.Metrics.CreateGauge(
        "kubelet_running_containers", "Number of containers currently running", "container_state");

    private static readonly Histogram StartDuration = Prometheus.Metrics.CreateHistogram(
        "kubelet_pod_start_duration_seconds", "Duration in seconds from kubelet seeing a pod for the first time to the pod starting to run",
        new HistogramConfiguration { Buckets = StartBuckets });

    // Kubelet hosts alive now; their pods are summed before each scrape.
    private static readonly ScrapedInstances<KubeletPodMetrics> Live = new(SetGauges);

    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Entry> _pods = new(StringComparer.Ordinal);

    public KubeletPodMetrics(TimeProvider time)
    {
        _time = time;
        Live.Add(this);
    }

    /// <summary>The kubelet is about to sync a live pod: the first call for a uid is when the kubelet first saw it.</summary>
    public void Seen(string podUid) => _pods.GetOrAdd(podUid, _ => new Entry(_time.GetTimestamp()));

    /// <summary>
    /// The runtime reported <paramref name="observed"/> and the kubelet computed <paramref name="phase"/> for a pod whose API status
    /// had <paramref name="previousPhase"/>. The first sync that takes a pod from another phase to Running observes its start
    /// duration (upstream: Pending to Running), and returns it; a pod already Running in the API (a restarted kubelet) is not observed.
    /// </summary>
    public TimeSpan? Synced(string podUid, ObservedPod observed, string? previousPhase, string? phase)
    {
        var entry = _pods.GetOrAdd(podUid, _ => new Entry(_time.GetTimestamp()));
        entry.Counts = RuntimeCounts.Of(observed);
        if (phase != "Running" || previousPhase == "Running" || entry.StartObserved)
        {
            return null;
        }

        entry.StartObserved = true;
        var started = _time.GetElapsedTime(entry.FirstSeen);
        StartDuration.Observe(started.TotalSeconds);
        return started;
    }

    /// <summary>The pod was killed or is gone: it no longer counts.</summary>
    public void Forgotten(string podUid) => _pods.TryRemove(podUid, out _);

    /// <summary>This kubelet stopped: its pods no longer count.</summary>
    public void Dispose() => Live.Remove(this);

    /// <summary>The sums over this host's pods.</summary>
    internal (int Pods, int Running, int Exited, int Created) Totals() => Sum(_pods.Values);

    /// <summary>The gauges are the sums over every live kubelet's pods (hollow nodes share one process).</summary>
    private static void SetGauges(ICollection<KubeletPodMetrics> live)
    {
        var (pods, running, exited, created) = Sum(live.SelectMany(metrics => metrics._pods.Values));
        RunningPods.Set(pods);
        RunningContainers.WithLabels("running").Set(running);
        RunningContainers.WithLabels("exited").Set(exited);
        RunningContainers.WithLabels("created").Set(created);
    }

    private static (int Pods, int Running, int Exited, int Created) Sum(IEnumerable<Entry> entries)
    {
        var (pods, running, exited, created) = (0, 0, 0, 0);
        foreach (var entry in entries)
        {
            var counts = entry.Counts;
            pods += counts.SandboxRunning ? 1 : 0;
            running += counts.Running;
            exited += counts.Exited;
            created += counts.Created;
        }

        return (pods, running, exited, created);
    }

    private sealed class Entry(long firstSeen)
    {
        public long FirstSeen { get; } = firstSeen;

        // Replaced whole (a reference), so a scrape never reads half of an update.
        public RuntimeCounts Counts { get; set; } = RuntimeCounts.None;

        public bool StartObserved { get; set; }
    }
}
