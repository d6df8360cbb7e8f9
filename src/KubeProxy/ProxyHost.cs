using System.Diagnostics;
using Orchestrator.Client;
using Orchestrator.KubeProxy.Backends;

namespace Orchestrator.KubeProxy;

/// <summary>
/// Runs the proxy of one node: informers on Services, EndpointSlices and Nodes; every change (coalesced to at most
/// one sync per <see cref="ProxyOptions.MinSyncPeriod"/>) recomputes the plan from the caches and applies it through
/// the backend, which writes only what changed; a full sync at least every <see cref="ProxyOptions.SyncPeriod"/>;
/// stale UDP conntrack entries flushed after a sync; sync and network programming latency as metrics.
/// </summary>
public sealed partial class ProxyHost
{
    private readonly IKubernetes client;
    private readonly ILoggerFactory loggers;
    private readonly ILogger<ProxyHost> logger;
    private readonly ProxyOptions options;
    private readonly IProxyBackend backend;
    private readonly TimeProvider time;
    private readonly SyncSignal signal = new();
    private readonly ChangeTimes changes;

    public ProxyHost(IKubernetes client, ILoggerFactory loggers, ProxyOptions options, IProxyBackend backend, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.client = client;
        this.loggers = loggers;
        this.options = options;
        this.backend = backend;
        this.time = time ?? TimeProvider.System;
        logger = loggers.CreateLogger<ProxyHost>();
        changes = new ChangeTimes(this.time);
    }

    /// <summary>Runs the proxy in the mode of <paramref name="options"/> until <paramref name="cancellationToken"/> is cancelled.</summary>
    public static Task RunAsync(IKubernetes client, ILoggerFactory loggers, ProxyOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ProxyHost(client, loggers, options, ProxyBackends.Create(options.Mode, loggers)).RunAsync(cancellationToken);
    }

    /// <summary>Lists Services, EndpointSlices and the Node once and returns the ruleset the backend would write (<c>--dry-run</c>).</summary>
    public static async Task<string> RenderOnceAsync(IKubernetes client, ProxyOptions options, IProxyBackend backend, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var (plan, _) = await PlanOnceAsync(client, options, cancellationToken);
        return backend.Render(plan);
    }

    /// <summary>
    /// Lists Services, EndpointSlices and Nodes once (no informers: <c>--dry-run</c>) and plans the proxy of
    /// <see cref="ProxyOptions.NodeName"/>; also returns every Node, for a backend that derives more from them.
    /// </summary>
    internal static async Task<(ProxyPlan Plan, IList<V1Node> Nodes)> PlanOnceAsync(IKubernetes client, ProxyOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var services = await client.CoreV1.ListServiceForAllNamespacesAsync(cancellationToken: cancellationToken);
        var slices = await client.DiscoveryV1.ListEndpointSliceForAllNamespacesAsync(cancellationToken: cancellationToken);
        var nodes = await client.CoreV1.ListNodeAsync(cancellationToken: cancellationToken);
        var self = nodes.Items.FirstOrDefault(n => n.Metadata?.Name == options.NodeName);
        return (ProxyPlanner.ComputeProxyPlan(services.Items, slices.Items, ProxyNodes.From(options, self)), nodes.Items);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var informers = new InformerFactory(client, loggers, time);
        var services = informers.Services();
        var slices = informers.EndpointSlices();
        var nodes = informers.For(ListWatches.Nodes, new InformerOptions { FieldSelector = "metadata.name=" + options.NodeName });
        services.AddHandler(ResourceEventHandler<V1Service>.ForEach(_ => signal.Raise()));
        slices.AddHandler(ResourceEventHandler<V1EndpointSlice>.ForEach(slice =>
        {
            changes.Observe(slice);
            signal.Raise();
        }));
        nodes.AddHandler(ResourceEventHandler<V1Node>.ForEach(_ => signal.Raise()));
        await informers.StartAsync(cancellationToken);
        await informers.WaitForSyncAsync(cancellationToken);
        LogStarted(logger, options.NodeName, backend.Mode);

        var lastSync = DateTimeOffset.MinValue;
        var lastFull = time.GetUtcNow();
        while (!cancellationToken.IsCancellationRequested)
        {
            var untilFull = lastFull + options.SyncPeriod - time.GetUtcNow();
            if (lastSync != DateTimeOffset.MinValue && !await signal.WaitAsync(untilFull > TimeSpan.Zero ? untilFull : TimeSpan.Zero, time, cancellationToken))
            {
                backend.RequestFullSync();
            }

            var wait = lastSync + options.MinSyncPeriod - time.GetUtcNow();
            if (lastSync != DateTimeOffset.MinValue && wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
            }

            signal.Clear();
            lastSync = time.GetUtcNow();
            var plan = ProxyPlanner.ComputeProxyPlan(services.Cache.List(), slices.Cache.List(), ProxyNodes.From(options, nodes.Cache.List().FirstOrDefault()));
            if (await SyncOnceAsync(plan, cancellationToken) is { Full: true })
            {
                lastFull = time.GetUtcNow();
            }
        }
    }

    /// <summary>One sync: apply, record metrics, flush stale UDP flows. A failure is logged and retried with the next change or resync.</summary>
    internal async Task<SyncOutcome?> SyncOnceAsync(ProxyPlan plan, CancellationToken cancellationToken)
    {
        var covered = changes.Take();
        var clock = Stopwatch.StartNew();
        SyncOutcome outcome;
        try
        {
            outcome = await backend.SyncAsync(plan, cancellationToken);
        }
        catch (Exception error) when (error is InvalidOperationException or IOException)
        {
            changes.Restore(covered);
            LogSyncFailed(logger, error, backend.Mode);
            signal.Raise();
            return null;
        }

        var now = time.GetUtcNow();
        ProxyMetrics.Synced(clock.Elapsed, now);
        foreach (var changed in covered)
        {
            ProxyMetrics.NetworkProgrammingDuration.Observe(Math.Max(0, (now - changed).TotalSeconds));
        }

        LogSynced(logger, outcome.Full, plan.Services.Count, clock.ElapsedMilliseconds);
        if (outcome.StaleUdpEndpoints.Count > 0)
        {
            foreach (var failure in await ConntrackCleaner.FlushAsync(outcome.StaleUdpEndpoints, cancellationToken))
            {
                LogConntrackFailed(logger, failure);
            }
        }

        return outcome;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "proxy for node {Node} started in {Mode} mode")]
    private static partial void LogStarted(ILogger logger, string node, string mode);

    [LoggerMessage(Level = LogLevel.Debug, Message = "synced proxy rules (full: {Full}, service ports: {Ports}) in {Milliseconds} ms")]
    private static partial void LogSynced(ILogger logger, bool full, int ports, long milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Mode} sync failed; the next sync is a full one")]
    private static partial void LogSyncFailed(ILogger logger, Exception error, string mode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "flushing stale UDP conntrack entries failed: {Failure}")]
    private static partial void LogConntrackFailed(ILogger logger, string failure);
}
