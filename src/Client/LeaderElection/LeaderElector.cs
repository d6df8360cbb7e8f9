namespace Orchestrator.Client;

/// <summary>
/// Leader election on a Lease, with client-go's rules: a candidate takes the lease when it is free or
/// its holder has not renewed it for a lease duration (measured on our own clock from when we last
/// saw it change, so clock skew between machines does not matter); the leader renews every retry
/// period and steps down if it cannot renew within the renew deadline; on shutdown the leader
/// releases the lease so a successor need not wait. Writes are compare-and-swap on resourceVersion.
/// A leader whose lease is still valid renews the copy it last wrote without reading it first (client-go's
/// optimistic fast path), falling back to read-then-write when that fails.
/// </summary>
public sealed partial class LeaderElector
{
    private readonly IKubernetes _client;
    private readonly LeaderElectionOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private (string? Holder, DateTime? RenewTime) _observed;
    private DateTimeOffset _observedAt;
    private V1Lease? _lease;
    private volatile bool _isLeader;

    public LeaderElector(IKubernetes client, LeaderElectionOptions options, ILogger logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _client = client;
        _options = options;
        _logger = logger;
        _time = time ?? TimeProvider.System;
    }

    public bool IsLeader => _isLeader;

    /// <summary>
    /// Campaigns, runs <paramref name="whileLeading"/> while this process holds the lease (its token
    /// is cancelled when leadership is lost), and campaigns again after a loss, until
    /// <paramref name="ct"/> is cancelled; then releases the lease if held. If
    /// <paramref name="whileLeading"/> ends by itself, the lease is released and this returns (or
    /// rethrows what the work threw).
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task> whileLeading, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(whileLeading);
        while (!ct.IsCancellationRequested)
        {
            if (!await AcquireAsync(ct))
            {
                return;
            }

            _isLeader = true;
            LogAcquired(_options.Identity, _options.LeaseName);
            using var leading = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var work = Task.Run(() => whileLeading(leading.Token), CancellationToken.None);
            await RenewUntilLostAsync(work, ct);

            // Work that ended by itself (returned or threw) means this process no longer wants to lead:
            // hand the lease on instead of re-acquiring it at once in a hot loop, or holding it while idle.
            var workEnded = work.IsCompleted;
            await leading.CancelAsync();
            try
            {
                await work;
            }
            catch (OperationCanceledException)
            {
                // expected when leadership ends
            }
            finally
            {
                _isLeader = false;
                if (ct.IsCancellationRequested || workEnded)
                {
                    await ReleaseAsync();
                }
            }

            if (ct.IsCancellationRequested || workEnded)
            {
                return;
            }

            LogLost(_options.Identity, _options.LeaseName);
        }
    }

    private async Task<bool> AcquireAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            if (await TryAcquireOrRenewAsync(ct))
            {
                return true;
            }

            if (!await DelayAsync(Jittered(_options.RetryPeriod), ct))
            {
                return false;
            }
        }

        return false;
    }

    private async Task RenewUntilLostAsync(Task work, CancellationToken ct)
    {
        var lastRenew = _time.GetUtcNow();
        while (!ct.IsCancellationRequested && !work.IsCompleted)
        {
            if (!await DelayAsync(_options.RetryPeriod, ct))
            {
                return;
            }

            if (await TryAcquireOrRenewAsync(ct))
            {
                lastRenew = _time.GetUtcNow();
            }
            else if (_time.GetUtcNow() - lastRenew >= _options.RenewDeadline || _observed.Holder != _options.Identity)
            {
                return;
            }
        }
    }

    private async Task<bool> TryAcquireOrRenewAsync(CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        if (_isLeader && _lease?.Spec is { } held && _observedAt + TimeSpan.FromSeconds(held.LeaseDurationSeconds ?? 0) > now)
        {
            try
            {
                return await RenewOptimisticallyAsync(_lease, held, now, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception e)
            {
                // Mostly a conflict: someone else wrote the lease since. Read it and decide as a candidate would.
                LogAttemptFailed(e, _options.LeaseName);
                _lease = null;
            }
        }

        try
        {
            V1Lease lease;
            try
            {
                lease = await _client.CoordinationV1.ReadNamespacedLeaseAsync(_options.LeaseName, _options.LeaseNamespace, cancellationToken: ct);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                var created = new V1Lease
                {
                    Metadata = new V1ObjectMeta { Name = _options.LeaseName, NamespaceProperty = _options.LeaseNamespace },
                    Spec = NewSpec(now.UtcDateTime, now.UtcDateTime, 0),
                };
                _lease = await _client.CoordinationV1.CreateNamespacedLeaseAsync(created, _options.LeaseNamespace, cancellationToken: ct);
                Observe(created.Spec, now);
                return true;
            }

            var spec = lease.Spec ?? new V1LeaseSpec();
            if ((spec.HolderIdentity, spec.RenewTime) != _observed)
            {
                Observe(spec, now);
            }

            var heldByOther = !string.IsNullOrEmpty(spec.HolderIdentity) && spec.HolderIdentity != _options.Identity;
            var duration = TimeSpan.FromSeconds(spec.LeaseDurationSeconds ?? (int)_options.LeaseDuration.TotalSeconds);
            if (heldByOther && _observedAt + duration > now)
            {
                return false;
            }

            var mine = spec.HolderIdentity == _options.Identity;
            lease.Spec = NewSpec(
                mine ? spec.AcquireTime ?? now.UtcDateTime : now.UtcDateTime,
                now.UtcDateTime,
                mine ? spec.LeaseTransitions ?? 0 : (spec.LeaseTransitions ?? 0) + 1);
            _lease = await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, _options.LeaseName, _options.LeaseNamespace, cancellationToken: ct);
            Observe(lease.Spec, now);
            return true;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception e)
        {
            // Conflicts (someone else wrote first), timeouts, a server restarting: not leading this round.
            LogAttemptFailed(e, _options.LeaseName);
            return false;
        }
    }

    /// <summary>Renews <paramref name="last"/>, the lease as this leader last wrote it: compare-and-swap on its resourceVersion.</summary>
    private async Task<bool> RenewOptimisticallyAsync(V1Lease last, V1LeaseSpec held, DateTimeOffset now, CancellationToken ct)
    {
        last.Spec = NewSpec(held.AcquireTime ?? now.UtcDateTime, now.UtcDateTime, held.LeaseTransitions ?? 0);
        _lease = null; // until the write is known to have succeeded
        _lease = await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(last, _options.LeaseName, _options.LeaseNamespace, cancellationToken: ct);
        Observe(last.Spec, now);
        return true;
    }

    private async Task ReleaseAsync()
    {
        try
        {
            var lease = await _client.CoordinationV1.ReadNamespacedLeaseAsync(_options.LeaseName, _options.LeaseNamespace);
            if (lease.Spec?.HolderIdentity != _options.Identity)
            {
                return;
            }

            var now = _time.GetUtcNow().UtcDateTime;
            lease.Spec.HolderIdentity = null;
            lease.Spec.LeaseDurationSeconds = 1;
            lease.Spec.RenewTime = now;
            await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, _options.LeaseName, _options.LeaseNamespace);
            LogReleased(_options.Identity, _options.LeaseName);
        }
        catch (Exception e)
        {
            LogAttemptFailed(e, _options.LeaseName);
        }
    }

    private V1LeaseSpec NewSpec(DateTime acquired, DateTime renewed, int transitions) => new()
    {
        HolderIdentity = _options.Identity,
        LeaseDurationSeconds = (int)Math.Ceiling(_options.LeaseDuration.TotalSeconds),
        AcquireTime = acquired,
        RenewTime = renewed,
        LeaseTransitions = transitions,
    };

    private void Observe(V1LeaseSpec spec, DateTimeOffset now)
    {
        _observed = (spec.HolderIdentity, spec.RenewTime);
        _observedAt = now;
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, _time, ct);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static TimeSpan Jittered(TimeSpan period) => period * (1 + (Random.Shared.NextDouble() * 0.2));

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} became the leader of lease {Lease}")]
    private partial void LogAcquired(string identity, string lease);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Identity} lost the lease {Lease}")]
    private partial void LogLost(string identity, string lease);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} released the lease {Lease}")]
    private partial void LogReleased(string identity, string lease);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Lease {Lease}: attempt to acquire or renew failed")]
    private partial void LogAttemptFailed(Exception e, string lease);
}
