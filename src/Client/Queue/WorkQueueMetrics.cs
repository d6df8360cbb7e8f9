using Prometheus;

namespace Orchestrator.Client;

/// <summary>
/// client-go's work queue metrics (util/workqueue/metrics.go) for one named queue, in prometheus-net's
/// default registry: depth, adds, retries, time waiting in the queue, time being processed, and — set
/// just before each scrape — the work still in progress (<c>workqueue_unfinished_work_seconds</c>) and
/// the longest-running processor.
/// </summary>
internal sealed class WorkQueueMetrics : IDisposable
{
    // client-go: prometheus.ExponentialBuckets(10e-9, 10, 10), 10 ns to 10 s.
    private static readonly double[] Buckets = Histogram.ExponentialBuckets(10e-9, 10, 10);

    private static readonly Gauge Depth = Metrics.CreateGauge("workqueue_depth", "Current depth of workqueue", "name");

    private static readonly Counter Adds = Metrics.CreateCounter("workqueue_adds_total", "Total number of adds handled by workqueue", "name");

    private static readonly Histogram Latency = Metrics.CreateHistogram(
        "workqueue_queue_duration_seconds", "How long in seconds an item stays in workqueue before being requested.",
        new HistogramConfiguration { LabelNames = ["name"], Buckets = Buckets });

    private static readonly Histogram WorkDuration = Metrics.CreateHistogram(
        "workqueue_work_duration_seconds", "How long in seconds processing an item from workqueue takes.",
        new HistogramConfiguration { LabelNames = ["name"], Buckets = Buckets });

    private static readonly Counter Retries = Metrics.CreateCounter("workqueue_retries_total", "Total number of retries handled by workqueue", "name");

    private static readonly Gauge Unfinished = Metrics.CreateGauge(
        "workqueue_unfinished_work_seconds",
        "How many seconds of work has done that is in progress and hasn't been observed by work_duration. Large values indicate stuck threads. One can deduce the number of stuck threads by observing the rate at which this increases.",
        "name");

    private static readonly Gauge Longest = Metrics.CreateGauge(
        "workqueue_longest_running_processor_seconds",
        "How many seconds has the longest running processor for workqueue been running.",
        "name");

    // Queues alive now, updated before each scrape.
    private static readonly ScrapedInstances<WorkQueueMetrics> Live = new(queues =>
    {
        foreach (var queue in queues)
        {
            queue.Update();
        }
    });

    private readonly Gauge.Child _depth;
    private readonly Counter.Child _adds;
    private readonly Histogram.Child _latency;
    private readonly Histogram.Child _work;
    private readonly Counter.Child _retries;
    private readonly Gauge.Child _unfinished;
    private readonly Gauge.Child _longest;
    private readonly Func<(double Total, double Longest)> _inProgress;

    /// <param name="name">The queue's name label (the controller's name).</param>
    /// <param name="inProgress">The seconds of work in progress now, summed and the longest, read before each scrape.</param>
    public WorkQueueMetrics(string name, Func<(double Total, double Longest)> inProgress)
    {
        _depth = Depth.WithLabels(name);
        _adds = Adds.WithLabels(name);
        _latency = Latency.WithLabels(name);
        _work = WorkDuration.WithLabels(name);
        _retries = Retries.WithLabels(name);
        _unfinished = Unfinished.WithLabels(name);
        _longest = Longest.WithLabels(name);
        _inProgress = inProgress;
        Live.Add(this);
    }

    /// <summary>A key entered the queue (not one already waiting).</summary>
    public void Added()
    {
        _adds.Inc();
        _depth.Inc();
    }

    /// <summary>A key was handed to a worker after <paramref name="waited"/> in the queue.</summary>
    public void Got(TimeSpan waited)
    {
        _depth.Dec();
        _latency.Observe(waited.TotalSeconds);
    }

    /// <summary>A worker finished a key it held for <paramref name="worked"/>.</summary>
    public void Done(TimeSpan worked) => _work.Observe(worked.TotalSeconds);

    /// <summary>A delayed add (a retry, in client-go's words).</summary>
    public void Retry() => _retries.Inc();

    /// <summary>Stops reporting in-progress work for this queue (it reads zero from now on).</summary>
    public void Dispose()
    {
        Live.Remove(this);
        _unfinished.Set(0);
        _longest.Set(0);
    }

    private void Update()
    {
        var (total, longest) = _inProgress();
        _unfinished.Set(total);
        _longest.Set(longest);
    }
}
