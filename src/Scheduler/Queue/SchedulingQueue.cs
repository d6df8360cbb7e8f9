namespace Orchestrator.Scheduler.Queue;

/// <summary>
/// upstream's PriorityQueue: activeQ (priority, then timestamp), backoffQ (per-pod exponential backoff) and the
/// unschedulable set. Pods that fail go to unschedulable, or straight to backoff when a cluster event arrived
/// during their cycle (moveRequestCycle). Cluster events move unschedulable pods back; a background loop moves
/// completed backoffs and long-unschedulable pods. Thread-safe; <see cref="PopAsync"/> has one consumer.
/// </summary>
public sealed partial class SchedulingQueue
{
    private readonly object _lock = new();
    private readonly TimeProvider _time;
    private readonly SchedulingQueueOptions _options;
    private readonly SortedSet<QueuedPodInfo> _active = new(ActiveQueueComparer.Instance);
    private readonly SortedSet<QueuedPodInfo> _backoff;
    private readonly Dictionary<string, QueuedPodInfo> _activeByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, QueuedPodInfo> _backoffByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, QueuedPodInfo> _unschedulable = new(StringComparer.Ordinal);
    private readonly HashSet<string> _gated = new(StringComparer.Ordinal);
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _sequence;
    private long _schedulingCycle;
    private long _moveRequestCycle = -1;
    private bool _closed;

    public SchedulingQueue(TimeProvider time, SchedulingQueueOptions? options = null)
    {
        _time = time;
        _options = options ?? new SchedulingQueueOptions();
        _backoff = new SortedSet<QueuedPodInfo>(new BackoffQueueComparer(BackoffExpiry));
    }

    public int ActiveCount { get { lock (_lock) { return _active.Count; } } }

    public int BackoffCount { get { lock (_lock) { return _backoff.Count; } } }

    public int UnschedulableCount { get { lock (_lock) { return _unschedulable.Count; } } }

    public long SchedulingCycle { get { lock (_lock) { return _schedulingCycle; } } }

    /// <summary>The pods waiting in each part of the queue, read at one instant (upstream's scheduler_pending_pods).</summary>
    public PendingPods Pending { get { lock (_lock) { return new PendingPods(_active.Count, _backoff.Count, _unschedulable.Count, _gated.Count); } } }

    /// <summary>
    /// A pending pod with spec.schedulingGates: out of the active, backoff and unschedulable parts, and counted as gated
    /// (upstream keeps it in unschedulablePods, flagged gated) until <see cref="Add"/>, <see cref="Update"/> or <see cref="Delete"/>.
    /// </summary>
    public void Gate(V1Pod pod)
    {
        lock (_lock)
        {
            RemoveLocked(QueuedPodInfo.QueueKey(pod));
            _gated.Add(QueuedPodInfo.QueueKey(pod));
        }
    }

    /// <summary>A new pending pod: into activeQ unless already queued (then its object is updated).</summary>
    public void Add(V1Pod pod)
    {
        lock (_lock)
        {
            var key = QueuedPodInfo.QueueKey(pod);
            _gated.Remove(key);
            if (_activeByKey.ContainsKey(key) || _backoffByKey.ContainsKey(key) || _unschedulable.ContainsKey(key))
            {
                UpdateLocked(pod);
                return;
            }

            AddActiveLocked(new QueuedPodInfo(new PodInfo(pod), _time.GetUtcNow(), _sequence++));
        }
    }

    /// <summary>
    /// A pending pod changed. Queued copies get the new object; an unschedulable pod is retried (through backoff
    /// if it is still backing off), since the change may make it schedulable.
    /// </summary>
    public void Update(V1Pod pod)
    {
        lock (_lock)
        {
            _gated.Remove(QueuedPodInfo.QueueKey(pod));
            if (!UpdateLocked(pod))
            {
                AddActiveLocked(new QueuedPodInfo(new PodInfo(pod), _time.GetUtcNow(), _sequence++));
            }
        }
    }

    public void Delete(V1Pod pod)
    {
        lock (_lock)
        {
            var key = QueuedPodInfo.QueueKey(pod);
            RemoveLocked(key);
            _gated.Remove(key);
        }
    }

    /// <summary>Whether the pod is anywhere in the queue.</summary>
    public bool Contains(V1Pod pod)
    {
        lock (_lock)
        {
            var key = QueuedPodInfo.QueueKey(pod);
            return _activeByKey.ContainsKey(key) || _backoffByKey.ContainsKey(key) || _unschedulable.ContainsKey(key);
        }
    }

    /// <summary>Waits for the highest-priority active pod; null once the queue is closed.</summary>
    public async Task<QueuedPodInfo?> PopAsync(CancellationToken ct)
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (_closed)
                {
                    return null;
                }

                if (_active.Count > 0)
                {
                    var item = _active.Min!;
                    _active.Remove(item);
                    _activeByKey.Remove(item.Key);
                    item.Attempts++;
                    item.SchedulingCycle = ++_schedulingCycle;
                    return item;
                }

                wait = _signal.Task;
            }

            await wait.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
            SignalLocked();
        }
    }

    private void RemoveLocked(string key)
    {
        if (_activeByKey.Remove(key, out var a))
        {
            _active.Remove(a);
        }

        if (_backoffByKey.Remove(key, out var b))
        {
            _backoff.Remove(b);
        }

        _unschedulable.Remove(key);
    }

    private bool UpdateLocked(V1Pod pod)
    {
        var key = QueuedPodInfo.QueueKey(pod);
        if (_activeByKey.TryGetValue(key, out var a))
        {
            _active.Remove(a);
            a.PodInfo = new PodInfo(pod);
            _active.Add(a);
            return true;
        }

        if (_backoffByKey.TryGetValue(key, out var b))
        {
            b.PodInfo = new PodInfo(pod);
            return true;
        }

        if (_unschedulable.Remove(key, out var u))
        {
            u.PodInfo = new PodInfo(pod);
            MoveToActiveOrBackoffLocked(u);
            return true;
        }

        return false;
    }

    private void AddActiveLocked(QueuedPodInfo item)
    {
        _active.Add(item);
        _activeByKey[item.Key] = item;
        SignalLocked();
    }

    private void AddBackoffLocked(QueuedPodInfo item)
    {
        _backoff.Add(item);
        _backoffByKey[item.Key] = item;
    }

    private void SignalLocked()
    {
        _signal.TrySetResult();
        _signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
