using Orchestrator.Client;
using Orchestrator.Scheduler.Queue;
using Prometheus;

namespace Orchestrator.Scheduler.Metrics;

/// <summary>
/// kube-scheduler's metrics (pkg/scheduler/metrics/metrics.go), same names, labels and buckets, for one scheduler
/// (its profile label is the scheduler name): every attempt counted and timed by result, the attempts a pod needed
/// once bound, and — set just before each scrape — the pods pending in each part of its queue. Several schedulers
/// in one process add up their pending pods (upstream's gauge has no profile label).
/// </summary>
internal sealed class SchedulerMetrics : IDisposable
{
    private static readonly Counter Attempts = Prometheus.Metrics.CreateCounter(
        "scheduler_schedule_attempts_total",
        "Number of attempts to schedule pods, by the result. 'unschedulable' means a pod could not be scheduled, while 'error' means an internal scheduler problem.",
        "result", "profile");

    private static readonly Histogram AttemptDuration = Prometheus.Metrics.CreateHistogram(
        "scheduler_scheduling_attempt_duration_seconds", "Scheduling attempt latency in seconds (scheduling algorithm + binding)",
        new HistogramConfiguration { LabelNames = ["result", "profile"], Buckets = Histogram.ExponentialBuckets(0.001, 2, 15) });

    private static readonly Histogram PodAttempts = Prometheus.Metrics.CreateHistogram(
        "scheduler_pod_scheduling_attempts", "Number of attempts to successfully schedule a pod.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(1, 2, 5) });

    private static readonly Gauge Pending = Prometheus.Metrics.CreateGauge(
        "scheduler_pending_pods",
        "Number of pending pods, by the queue type. 'active' means number of pods in activeQ; 'backoff' means number of pods in backoffQ; 'unschedulable' means number of pods in unschedulablePods that the scheduler attempted to schedule and failed; 'gated' is the number of unschedulable pods that the scheduler never attempted to schedule because they are gated.",
        "queue");

    // Schedulers alive now; their queues are summed before each scrape.
    private static readonly ScrapedInstances<SchedulerMetrics> Live = new(SetPending);

    private readonly string _profile;
    private readonly Func<PendingPods> _pending;

    /// <param name="profile">The scheduler's name (upstream's profile label).</param>
    /// <param name="pending">The queue's sizes, read before each scrape.</param>
    public SchedulerMetrics(string profile, Func<PendingPods> pending)
    {
        _profile = profile;
        _pending = pending;
        Live.Add(this);
    }

    /// <summary>The pod was bound: an attempt that took <paramref name="attempt"/>, and the <paramref name="attempts"/> it needed.</summary>
    public void Scheduled(TimeSpan attempt, int attempts)
    {
        Attempted(SchedulingResult.Scheduled, attempt);
        PodAttempts.Observe(attempts);
    }

    /// <summary>An attempt ended with <paramref name="result"/> (a <see cref="SchedulingResult"/> label) after <paramref name="attempt"/>.</summary>
    public void Attempted(string result, TimeSpan attempt)
    {
        Attempts.WithLabels(result, _profile).Inc();
        AttemptDuration.WithLabels(result, _profile).Observe(attempt.TotalSeconds);
    }

    /// <summary>Stops counting this scheduler's queue (its pods no longer show as pending).</summary>
    public void Dispose() => Live.Remove(this);

    /// <summary>Sets scheduler_pending_pods from the live schedulers' queues (summed).</summary>
    private static void SetPending(ICollection<SchedulerMetrics> live)
    {
        var (active, backoff, unschedulable, gated) = (0, 0, 0, 0);
        foreach (var metrics in live)
        {
            var pending = metrics._pending();
            active += pending.Active;
            backoff += pending.Backoff;
            unschedulable += pending.Unschedulable;
            gated += pending.Gated;
        }

        Pending.WithLabels("active").Set(active);
        Pending.WithLabels("backoff").Set(backoff);
        Pending.WithLabels("unschedulable").Set(unschedulable);
        Pending.WithLabels("gated").Set(gated);
    }
}
