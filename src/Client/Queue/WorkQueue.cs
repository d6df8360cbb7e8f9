namespace Orchestrator.Client;

/// <summary>
/// A work queue with client-go semantics: a key waiting in the queue is there once however often it
/// is added; a key being processed is never handed to a second worker; a key added while it is being
/// processed is queued again exactly once when <see cref="Done"/> is called; <see cref="AddAfter"/>
/// delays an add (the earliest pending delay wins); <see cref="AddRateLimited"/> delays by a per-key
/// exponential backoff that <see cref="Forget"/> resets. Thread-safe.
/// </summary>
public sealed class WorkQueue<TKey> : IDisposable
    where TKey : notnull
{
    private readonly Lock _lock = new();
    private readonly Queue<TKey> _queue = new();
    private readonly HashSet<TKey> _dirty = [];
    private readonly HashSet<TKey> _processing = [];
    private readonly Dictionary<TKey, (DateTimeOffset ReadyAt, ITimer Timer)> _waiting = [];
    private readonly Dictionary<TKey, int> _failures = [];
    private readonly Queue<TaskCompletionSource<(bool, TKey)>> _getters = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;
    private readonly WorkQueueMetrics? _metrics;
    private readonly Dictionary<TKey, long> _addedAt = [];
    private readonly Dictionary<TKey, long> _startedAt = [];
    private bool _shutDown;

    /// <param name="name">With a name, the queue reports client-go's <c>workqueue_*</c> metrics under it (<see cref="WorkQueueMetrics"/>).</param>
    public WorkQueue(TimeProvider? time = null, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null, string? name = null)
    {
        _time = time ?? TimeProvider.System;
        _baseDelay = baseDelay ?? TimeSpan.FromMilliseconds(5);
        _maxDelay = maxDelay ?? TimeSpan.FromSeconds(1000);
        _metrics = name is null ? null : new WorkQueueMetrics(name, InProgress);
    }

    /// <summary>Keys waiting to be handed out (not those being processed or delayed).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    public bool IsShutDown
    {
        get
        {
            lock (_lock)
            {
                return _shutDown;
            }
        }
    }

    /// <summary>Queues <paramref name="key"/> unless it is already waiting; ignored after <see cref="ShutDown"/>.</summary>
    public void Add(TKey key)
    {
        lock (_lock)
        {
            AddLocked(key);
        }
    }

    /// <summary>Adds <paramref name="key"/> once <paramref name="delay"/> has passed; a shorter pending delay for the same key wins.</summary>
    public void AddAfter(TKey key, TimeSpan delay)
    {
        lock (_lock)
        {
            AddAfterLocked(key, delay);
        }
    }

    /// <summary>Adds <paramref name="key"/> after its backoff: base × 2^failures, capped; each call counts a failure.</summary>
    public void AddRateLimited(TKey key)
    {
        lock (_lock)
        {
            // Counting the failure and arming the delay together: whoever sees the new count sees the timer.
            var failures = _failures.GetValueOrDefault(key);
            _failures[key] = failures + 1;
            var ticks = _baseDelay.Ticks * Math.Pow(2, Math.Min(failures, 62));
            AddAfterLocked(key, ticks >= _maxDelay.Ticks ? _maxDelay : TimeSpan.FromTicks((long)ticks));
        }
    }

    /// <summary>Clears the failure count of <paramref name="key"/> (call after a success).</summary>
    public void Forget(TKey key)
    {
        lock (_lock)
        {
            _failures.Remove(key);
        }
    }

    public int NumRequeues(TKey key)
    {
        lock (_lock)
        {
            return _failures.GetValueOrDefault(key);
        }
    }

    /// <summary>
    /// The next key to process; the caller owns it until <see cref="Done"/>. Ok is false once the
    /// queue is shut down.
    /// </summary>
    public ValueTask<(bool Ok, TKey Key)> GetAsync(CancellationToken ct)
    {
        TaskCompletionSource<(bool, TKey)> getter;
        lock (_lock)
        {
            if (_shutDown)
            {
                return ValueTask.FromResult((false, default(TKey)!));
            }

            if (_queue.TryDequeue(out var key))
            {
                StartLocked(key);
                return ValueTask.FromResult((true, key));
            }

            getter = new TaskCompletionSource<(bool, TKey)>(TaskCreationOptions.RunContinuationsAsynchronously);
            _getters.Enqueue(getter);
        }

        return new ValueTask<(bool, TKey)>(WaitAsync(getter, ct));
    }

    /// <summary>Ends processing of <paramref name="key"/>; if it was added meanwhile, it is queued again.</summary>
    public void Done(TKey key)
    {
        lock (_lock)
        {
            _processing.Remove(key);
            if (_metrics is not null && _startedAt.Remove(key, out var started))
            {
                _metrics.Done(_time.GetElapsedTime(started));
            }

            if (_dirty.Remove(key))
            {
                // Re-added while processing: one more pass (already counted as an add when it came).
                // Done atomically so no other Add slips in between.
                AddLocked(key, counted: true);
            }
        }
    }

    /// <summary>Stops handing out keys: pending and future <see cref="GetAsync"/> calls return Ok = false.</summary>
    public void ShutDown()
    {
        lock (_lock)
        {
            _shutDown = true;
            while (_getters.TryDequeue(out var getter))
            {
                // Completed under the lock: a getter is either handed a result here or withdrawn by its cancellation, never both.
                getter.TrySetResult((false, default!));
            }

            foreach (var (_, pending) in _waiting)
            {
                pending.Timer.Dispose();
            }

            _waiting.Clear();
        }
    }

    public void Dispose()
    {
        ShutDown();
        _metrics?.Dispose();
    }

    private void Fire(TKey key, DateTimeOffset readyAt)
    {
        lock (_lock)
        {
            if (!_waiting.TryGetValue(key, out var pending) || pending.ReadyAt != readyAt)
            {
                return; // superseded by an earlier AddAfter, or shut down
            }

            _waiting.Remove(key);
            pending.Timer.Dispose();
            AddLocked(key);
        }
    }

    private void AddAfterLocked(TKey key, TimeSpan delay)
    {
        if (_shutDown)
        {
            return;
        }

        if (delay <= TimeSpan.Zero)
        {
            AddLocked(key);
            return;
        }

        _metrics?.Retry();

        var readyAt = _time.GetUtcNow() + delay;
        if (_waiting.TryGetValue(key, out var pending))
        {
            if (pending.ReadyAt <= readyAt)
            {
                return;
            }

            pending.Timer.Dispose();
        }

        // The timer knows its own ready time, so a superseded timer that fires late is ignored.
        var timer = _time.CreateTimer(_ => Fire(key, readyAt), null, delay, Timeout.InfiniteTimeSpan);
        _waiting[key] = (readyAt, timer);
    }

    private void AddLocked(TKey key, bool counted = false)
    {
        if (_shutDown || !_dirty.Add(key))
        {
            return;
        }

        if (_metrics is not null && !counted)
        {
            _metrics.Added();
            _addedAt.TryAdd(key, _time.GetTimestamp());
        }

        if (_processing.Contains(key))
        {
            return;
        }

        // Hand it straight to a waiting worker. Getters run their continuations asynchronously, so
        // completing one under the lock is safe; doing it under the lock means a getter whose wait is
        // being cancelled cannot also be handed a key.
        while (_getters.TryDequeue(out var getter))
        {
            if (getter.TrySetResult((true, key)))
            {
                StartLocked(key);
                return;
            }
        }

        _queue.Enqueue(key);
    }

    private void StartLocked(TKey key)
    {
        _dirty.Remove(key);
        _processing.Add(key);
        if (_metrics is not null)
        {
            var now = _time.GetTimestamp();
            _metrics.Got(_addedAt.Remove(key, out var added) ? _time.GetElapsedTime(added, now) : TimeSpan.Zero);
            _startedAt[key] = now;
        }
    }

    /// <summary>Seconds of work in progress now: summed over the keys being processed, and the longest.</summary>
    private (double Total, double Longest) InProgress()
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            double total = 0, longest = 0;
            foreach (var (_, started) in _startedAt)
            {
                var seconds = _time.GetElapsedTime(started, now).TotalSeconds;
                total += seconds;
                longest = Math.Max(longest, seconds);
            }

            return (total, longest);
        }
    }

    private async Task<(bool, TKey)> WaitAsync(TaskCompletionSource<(bool, TKey)> getter, CancellationToken ct)
    {
        try
        {
            return await getter.Task.WaitAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            lock (_lock)
            {
                if (getter.TrySetCanceled(ct))
                {
                    // Withdraw this getter so no key is handed to a caller that left.
                    var remaining = _getters.Where(g => g != getter).ToList();
                    _getters.Clear();
                    foreach (var g in remaining)
                    {
                        _getters.Enqueue(g);
                    }
                }
                else if (getter.Task.Result is (true, var key))
                {
                    // A key was handed over at the same moment: give it back, folding in any re-add
                    // that came meanwhile (it is dirty) so the key is queued, not stranded.
                    _processing.Remove(key);
                    _startedAt.Remove(key);
                    _dirty.Remove(key);
                    AddLocked(key);
                }
            }

            throw;
        }
    }
}
