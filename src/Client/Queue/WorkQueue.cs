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
    private bool _shutDown;

    public WorkQueue(TimeProvider? time = null, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null)
    {
        _time = time ?? TimeProvider.System;
        _baseDelay = baseDelay ?? TimeSpan.FromMilliseconds(5);
        _maxDelay = maxDelay ?? TimeSpan.FromSeconds(1000);
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
        TaskCompletionSource<(bool, TKey)>? getter = null;
        lock (_lock)
        {
            if (_shutDown || !_dirty.Add(key) || _processing.Contains(key))
            {
                return;
            }

            if (_getters.Count > 0)
            {
                // Hand it straight to a waiting worker.
                _dirty.Remove(key);
                _processing.Add(key);
                getter = _getters.Dequeue();
            }
            else
            {
                _queue.Enqueue(key);
            }
        }

        getter?.TrySetResult((true, key));
    }

    /// <summary>Adds <paramref name="key"/> once <paramref name="delay"/> has passed; a shorter pending delay for the same key wins.</summary>
    public void AddAfter(TKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        lock (_lock)
        {
            if (_shutDown)
            {
                return;
            }

            var readyAt = _time.GetUtcNow() + delay;
            if (_waiting.TryGetValue(key, out var pending))
            {
                if (pending.ReadyAt <= readyAt)
                {
                    return;
                }

                pending.Timer.Dispose();
            }

            var timer = _time.CreateTimer(_ => Fire(key), null, delay, Timeout.InfiniteTimeSpan);
            _waiting[key] = (readyAt, timer);
        }
    }

    /// <summary>Adds <paramref name="key"/> after its backoff: base × 2^failures, capped; each call counts a failure.</summary>
    public void AddRateLimited(TKey key)
    {
        TimeSpan delay;
        lock (_lock)
        {
            var failures = _failures.GetValueOrDefault(key);
            _failures[key] = failures + 1;
            var ticks = _baseDelay.Ticks * Math.Pow(2, Math.Min(failures, 62));
            delay = ticks >= _maxDelay.Ticks ? _maxDelay : TimeSpan.FromTicks((long)ticks);
        }

        AddAfter(key, delay);
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
                _dirty.Remove(key);
                _processing.Add(key);
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
            if (!_dirty.Contains(key))
            {
                return;
            }

            // Re-added while processing: one more pass.
            _dirty.Remove(key);
        }

        Add(key);
    }

    /// <summary>Stops handing out keys: pending and future <see cref="GetAsync"/> calls return Ok = false.</summary>
    public void ShutDown()
    {
        List<TaskCompletionSource<(bool, TKey)>> getters;
        lock (_lock)
        {
            _shutDown = true;
            getters = [.. _getters];
            _getters.Clear();
            foreach (var (_, pending) in _waiting)
            {
                pending.Timer.Dispose();
            }

            _waiting.Clear();
        }

        foreach (var getter in getters)
        {
            getter.TrySetResult((false, default!));
        }
    }

    public void Dispose() => ShutDown();

    private void Fire(TKey key)
    {
        lock (_lock)
        {
            if (_waiting.Remove(key, out var pending))
            {
                pending.Timer.Dispose();
            }
        }

        Add(key);
    }

    private async Task<(bool, TKey)> WaitAsync(TaskCompletionSource<(bool, TKey)> getter, CancellationToken ct)
    {
        try
        {
            return await getter.Task.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            lock (_lock)
            {
                if (!getter.Task.IsCompleted)
                {
                    // Withdraw this getter so no key is handed to a caller that left.
                    var remaining = _getters.Where(g => g != getter).ToList();
                    _getters.Clear();
                    foreach (var g in remaining)
                    {
                        _getters.Enqueue(g);
                    }

                    getter.TrySetCanceled(ct);
                }
            }

            if (getter.Task.IsCompletedSuccessfully)
            {
                // A key was handed over at the same moment: give it back.
                var (ok, key) = getter.Task.Result;
                if (ok)
                {
                    lock (_lock)
                    {
                        _processing.Remove(key);
                    }

                    Add(key);
                }
            }

            throw;
        }
    }
}
