using k8s.Autorest;

namespace Orchestrator.Kubelet.Node;

/// <summary>
/// One node's registration and heartbeats: creates (or refreshes) the Node, then renews its Lease in
/// kube-node-lease every <see cref="KubeletOptions.LeaseRenewInterval"/> and re-posts node status every
/// <see cref="KubeletOptions.NodeStatusReportInterval"/>. Heartbeats can be paused (tests of node
/// failure) without stopping the node's pods.
/// </summary>
internal sealed partial class NodeAgent(IKubernetes client, NodeConfig config, KubeletOptions options, string runtimeVersion, TimeProvider time, ILogger logger, INodeConditionSource? conditions = null)
{
    private readonly IKubernetes _client = client;
    private readonly NodeConfig _config = config;
    private readonly KubeletOptions _options = options;
    private readonly string _runtimeVersion = runtimeVersion;
    private readonly TimeProvider _time = time;
    private readonly ILogger _logger = logger;
    private readonly INodeConditionSource? _conditions = conditions;
    private V1Lease? _lease;
    private IList<V1NodeCondition>? _posted;
    private volatile bool _paused;
    private int _skippedHeartbeats;

    public NodeConfig Config => _config;

    /// <summary>Heartbeat periods skipped while paused (a test waits for them instead of sleeping).</summary>
    public int SkippedHeartbeats => Volatile.Read(ref _skippedHeartbeats);

    /// <summary>Stops (true) or resumes (false) lease renewals and status posts, as if the kubelet hung.</summary>
    public bool HeartbeatsPaused
    {
        get => _paused;
        set => _paused = value;
    }

    /// <summary>Creates the Node, or refreshes the status of an existing one (kubelet restart), and its Lease.</summary>
    public async Task RegisterAsync(CancellationToken ct)
    {
        var now = Now();
        V1Node node;
        try
        {
            var desired = NodeObjects.Node(_config, _runtimeVersion, now);
            desired.Status.Conditions = _posted = await ConditionsAsync(desired.Status.Conditions, now, ct);
            node = await _client.CoreV1.CreateNodeAsync(desired, cancellationToken: ct);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            node = await _client.CoreV1.ReadNodeAsync(_config.Name, cancellationToken: ct);
            await PostStatusAsync(ct);
        }

        await RenewLeaseAsync(node, ct);
    }

    /// <summary>How often a node registered not Ready re-checks its conditions at start-up (upstream's fast node status update).</summary>
    public static readonly TimeSpan FastStatusInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Heartbeats until <paramref name="ct"/> is cancelled. Failures are logged and retried next period.</summary>
    public async Task HeartbeatAsync(CancellationToken ct)
    {
        await PostUntilReadyAsync(ct);
        var lastStatus = _time.GetUtcNow();

        // Spread the first renewal so thousands of hollow nodes do not beat in step.
        var first = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * _options.LeaseRenewInterval.TotalMilliseconds);
        var delay = first;
        while (true)
        {
            try
            {
                await Task.Delay(delay, _time, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = _options.LeaseRenewInterval;
            if (_paused)
            {
                Interlocked.Increment(ref _skippedHeartbeats);
                continue;
            }

            try
            {
                await RenewLeaseAsync(null, ct);
                if (_time.GetUtcNow() - lastStatus >= _options.NodeStatusReportInterval || await ConditionsChangedAsync(ct))
                {
                    await PostStatusAsync(ct);
                    lastStatus = _time.GetUtcNow();
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogHeartbeatFailed(e, _config.Name);
                _lease = null;
            }
        }
    }

    /// <summary>
    /// Upstream's fast status update at start-up (kubelet fastStatusUpdateOnce): a node that registered not Ready (its
    /// pod network waits for a podCIDR) re-checks its conditions every <see cref="FastStatusInterval"/> and posts as
    /// soon as they change, so Ready is seen at once rather than at the next heartbeat. Ends at Ready, or after one
    /// lease renewal interval (the Lease created at registration is still valid then), when the heartbeats take over.
    /// </summary>
    private async Task PostUntilReadyAsync(CancellationToken ct)
    {
        var until = _time.GetUtcNow() + _options.LeaseRenewInterval;
        while (_conditions is not null && _posted?.Any(c => c.Type == "Ready" && c.Status == "True") == false && _time.GetUtcNow() < until)
        {
            try
            {
                await Task.Delay(FastStatusInterval, _time, ct);
                if (!_paused && await ConditionsChangedAsync(ct))
                {
                    await PostStatusAsync(ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogHeartbeatFailed(e, _config.Name);
            }
        }
    }

    /// <summary>Re-posts node status (conditions with fresh heartbeats, capacity, nodeInfo).</summary>
    public async Task PostStatusAsync(CancellationToken ct)
    {
        var now = Now();
        var status = NodeObjects.Status(_config, _runtimeVersion, now);
        status.Conditions = _posted = await ConditionsAsync(_posted ?? status.Conditions, now, ct);
        var patch = new V1Patch(KubernetesJson.Serialize(new V1Node { Status = status }), V1Patch.PatchType.StrategicMergePatch);
        await _client.CoreV1.PatchNodeStatusAsync(patch, _config.Name, cancellationToken: ct);
    }

    /// <summary>The node's conditions: from the source (a real node), else the healthy defaults.</summary>
    private async Task<IList<V1NodeCondition>> ConditionsAsync(IList<V1NodeCondition> defaults, DateTime now, CancellationToken ct) =>
        _conditions is null ? defaults : await _conditions.ComputeAsync(_posted ?? defaults, now, ct);

    /// <summary>Whether a condition's status changed since the last post (upstream posts status on change).</summary>
    private async Task<bool> ConditionsChangedAsync(CancellationToken ct)
    {
        if (_conditions is null || _posted is null)
        {
            return false;
        }

        var current = await _conditions.ComputeAsync(_posted, Now(), ct);
        return current.Any(c => _posted.FirstOrDefault(p => p.Type == c.Type)?.Status != c.Status);
    }

    private async Task RenewLeaseAsync(V1Node? node, CancellationToken ct)
    {
        var now = Now();
        if (_lease is { } lease)
        {
            lease.Spec.RenewTime = now;
            try
            {
                _lease = await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, lease.Metadata.Name, "kube-node-lease", cancellationToken: ct);
                return;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound)
            {
                _lease = null; // someone else wrote it (or deleted it): start over from the server's copy
            }
        }

        node ??= await _client.CoreV1.ReadNodeAsync(_config.Name, cancellationToken: ct);
        try
        {
            var current = await _client.CoordinationV1.ReadNamespacedLeaseAsync(_config.Name, "kube-node-lease", cancellationToken: ct);
            current.Spec ??= new V1LeaseSpec();
            current.Spec.HolderIdentity = _config.Name;
            current.Spec.LeaseDurationSeconds = _options.NodeLeaseDurationSeconds;
            current.Spec.RenewTime = now;
            _lease = await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(current, _config.Name, "kube-node-lease", cancellationToken: ct);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            _lease = await _client.CoordinationV1.CreateNamespacedLeaseAsync(NodeObjects.Lease(node, _options.NodeLeaseDurationSeconds, now), "kube-node-lease", cancellationToken: ct);
        }
    }

    private DateTime Now()
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: heartbeat failed; retrying next period")]
    private partial void LogHeartbeatFailed(Exception e, string node);
}
