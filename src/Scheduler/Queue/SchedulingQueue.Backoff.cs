namespace Orchestrator.Scheduler.Queue;

public sealed partial class SchedulingQueue
{
    /// <summary>Upstream's backoff: initial * 2^(attempts-1), capped at the maximum.</summary>
    public TimeSpan BackoffDuration(int attempts)
    {
        var duration = _options.InitialBackoff;
        for (var i = 1; i < attempts; i++)
        {
            duration += duration;
            if (duration > _options.MaxBackoff)
            {
                return _options.MaxBackoff;
            }
        }

        return duration;
    }

    /// <summary>
    /// A pod that failed its cycle. If a move request (cluster event) happened since it was popped, it may now fit:
    /// backoffQ; otherwise it waits in the unschedulable set for an event.
    /// </summary>
    public void AddUnschedulableIfNotPresent(QueuedPodInfo item)
    {
        lock (_lock)
        {
            if (!StampIfAbsentLocked(item))
            {
                return;
            }

            if (_moveRequestCycle >= item.SchedulingCycle)
            {
                AddBackoffLocked(item);
            }
            else
            {
                _unschedulable[item.Key] = item;
            }
        }
    }

    /// <summary>A pod whose cycle failed for a transient reason (binding error): retried after its backoff.</summary>
    public void AddBackoff(QueuedPodInfo item)
    {
        lock (_lock)
        {
            if (StampIfAbsentLocked(item))
            {
                AddBackoffLocked(item);
            }
        }
    }

    /// <summary>False when the pod is already queued (active, backing off or unschedulable); otherwise stamps it as re-queued now.</summary>
    private bool StampIfAbsentLocked(QueuedPodInfo item)
    {
        var key = item.Key;
        if (_activeByKey.ContainsKey(key) || _backoffByKey.ContainsKey(key) || _unschedulable.ContainsKey(key))
        {
            return false;
        }

        item.Timestamp = _time.GetUtcNow();
        item.Sequence = _sequence++;
        return true;
    }

    /// <summary>
    /// A cluster event (node added/updated, pod deleted) that may make pods schedulable: every unschedulable pod
    /// goes to activeQ, or backoffQ while still backing off.
    /// </summary>
    public void MoveAllToActiveOrBackoffQueue()
    {
        lock (_lock)
        {
            foreach (var item in _unschedulable.Values)
            {
                MoveToActiveOrBackoffLocked(item);
            }

            _unschedulable.Clear();
            _moveRequestCycle = _schedulingCycle;
        }
    }

    /// <summary>Moves pods whose backoff has expired to activeQ. Returns how many moved.</summary>
    public int FlushBackoffCompleted()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var moved = 0;
            while (_backoff.Count > 0 && BackoffExpiry(_backoff.Min!) <= now)
            {
                var item = _backoff.Min!;
                _backoff.Remove(item);
                _backoffByKey.Remove(item.Key);
                AddActiveLocked(item);
                moved++;
            }

            return moved;
        }
    }

    /// <summary>Retries pods that stayed unschedulable longer than the configured maximum. Returns how many moved.</summary>
    public int FlushUnschedulableLeftover()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var stale = _unschedulable.Values.Where(i => now - i.Timestamp > _options.PodMaxInUnschedulable).ToList();
            foreach (var item in stale)
            {
                _unschedulable.Remove(item.Key);
                MoveToActiveOrBackoffLocked(item);
            }

            return stale.Count;
        }
    }

    /// <summary>Runs the periodic flushes until cancelled.</summary>
    public async Task RunFlushLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(_options.BackoffFlushInterval, _time);
        var lastUnschedulableFlush = _time.GetUtcNow();
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                FlushBackoffCompleted();
                if (_time.GetUtcNow() - lastUnschedulableFlush >= _options.UnschedulableFlushInterval)
                {
                    lastUnschedulableFlush = _time.GetUtcNow();
                    FlushUnschedulableLeftover();
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private DateTimeOffset BackoffExpiry(QueuedPodInfo item) => item.Timestamp + BackoffDuration(item.Attempts);

    private void MoveToActiveOrBackoffLocked(QueuedPodInfo item)
    {
        if (BackoffExpiry(item) > _time.GetUtcNow())
        {
            AddBackoffLocked(item);
        }
        else
        {
            AddActiveLocked(item);
        }
    }
}
