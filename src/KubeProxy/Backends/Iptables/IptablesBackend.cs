using System.Diagnostics;

namespace Orchestrator.KubeProxy.Backends.Iptables;

/// <summary>
/// kube-proxy's iptables mode. The first sync (and any after a failure or <see cref="IptablesBackendOptions.FullSyncInterval"/>)
/// ensures the jumps from built-in chains, then restores every chain and deletes stale KUBE-SVC/SVL/EXT/FW/SEP chains
/// found by <c>iptables-save</c>; later syncs rewrite the top-level chains and only the per-service chains whose text
/// changed (upstream's MinimizeIPTablesRestore). Every write is <c>iptables-restore --noflush --counters -w</c>, so
/// chains that are not ours are never touched. Syncs are serialized.
/// </summary>
internal sealed partial class IptablesBackend(IptablesBackendOptions options, IptablesHost host, TimeProvider time, ILogger<IptablesBackend> logger) : IProxyBackend
{
    private static readonly string[] RestoreArgs = ["--noflush", "--counters", "-w"];
    private const string RouteLocalnet = "net/ipv4/conf/all/route_localnet";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IptablesFlavor? _configured = IptablesFlavorDetector.Parse(options.Flavor);
    private IptablesFlavor? _flavor;
    private bool _needFullSync = true;
    private DateTimeOffset _lastFullSync;
    private Dictionary<ServicePortName, string> _appliedChainText = [];
    private HashSet<string> _appliedChains = new(StringComparer.Ordinal);
    private string? _lastScript;
    private ProxyPlan? _lastPlan;

    public string Mode => "iptables";

    /// <summary>The flavor syncs write to (known after the first sync).</summary>
    public IptablesFlavor? Flavor => _flavor;

    public string Render(ProxyPlan plan) => IptablesRenderer.RenderText(plan, options.RenderOptions);

    public async Task<SyncOutcome> SyncAsync(ProxyPlan plan, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await SyncLockedAsync(plan, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task CleanupAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            IReadOnlyList<IptablesFlavor> flavors = _configured is null ? IptablesFlavor.All : [_configured];
            foreach (var flavor in flavors)
            {
                await IptablesCleanup.CleanupAsync(host, flavor, cancellationToken);
                LogCleanedUp(logger, flavor.Name);
            }

            _needFullSync = true;
            _appliedChainText = [];
            _appliedChains.Clear();
            _lastScript = null;
            _lastPlan = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<SyncOutcome> SyncLockedAsync(ProxyPlan plan, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var flavor = await StartAsync(cancellationToken);
        var full = _needFullSync || time.GetUtcNow() - _lastFullSync >= options.FullSyncInterval;
        var ruleset = IptablesRenderer.Render(plan, options.RenderOptions);
        var active = ruleset.ServiceChains.ToHashSet(StringComparer.Ordinal);

        IReadOnlyCollection<string> stale;
        Func<ServiceRules, bool> include;
        if (full)
        {
            _needFullSync = true;
            await IptablesJumps.EnsureAsync(host, flavor, Jumps(), cancellationToken);
            var existing = await host.RunCheckedAsync(flavor.Save, ["-t", "nat"], null, cancellationToken);
            stale = IptablesSave.Chains(existing).Where(IptablesChains.IsServiceChain).Concat(_appliedChains)
                .Where(c => !active.Contains(c)).Distinct(StringComparer.Ordinal).ToList();
            include = _ => true;
        }
        else
        {
            stale = _appliedChains.Where(c => !active.Contains(c)).ToList();
            var applied = _appliedChainText;
            include = s => !applied.TryGetValue(s.Name, out var text) || text != s.ChainText;
        }

        var script = RestoreScript.Compose(ruleset, include, stale);
        var changed = full ? ruleset.Services.Count : ruleset.Services.Count(include);
        if (!full && changed == 0 && stale.Count == 0 && script == _lastScript)
        {
            return new SyncOutcome(false, string.Empty, StaleUdpEndpoints.Find(_lastPlan, plan));
        }

        var result = await host.RunAsync(flavor.Restore, RestoreArgs, script, cancellationToken);
        if (!result.Succeeded)
        {
            // The kernel state is unknown now: the next sync rewrites everything.
            _needFullSync = true;
            LogRestoreFailed(logger, flavor.Restore, full, result.StandardError.Trim());
            throw new InvalidOperationException($"{flavor.Restore} failed ({(full ? "full" : "partial")} sync): {result.StandardError.Trim()}");
        }

        _needFullSync = false;
        if (full)
        {
            _lastFullSync = time.GetUtcNow();
        }

        _appliedChainText = ruleset.Services.ToDictionary(s => s.Name, s => s.ChainText);
        _appliedChains = active;
        _lastScript = script;
        var staleUdp = StaleUdpEndpoints.Find(_lastPlan, plan);
        _lastPlan = plan;
        LogSynced(logger, flavor.Name, full, plan.Services.Count, changed, stale.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new SyncOutcome(full, script, staleUdp);
    }

    private IEnumerable<IptablesJump> Jumps() =>
        options.RenderOptions.LocalhostNodePorts ? IptablesJump.Proxy.Concat(IptablesJump.KubeletFirewall) : IptablesJump.Proxy;

    private async Task<IptablesFlavor> StartAsync(CancellationToken cancellationToken)
    {
        if (_flavor is not null)
        {
            return _flavor;
        }

        var flavor = _configured ?? await IptablesFlavorDetector.DetectAsync(host, cancellationToken);
        LogFlavor(logger, flavor.Name, options.Flavor);
        if (options.RenderOptions.LocalhostNodePorts)
        {
            LogRouteLocalnet(logger);
            await host.SetSysctlAsync(RouteLocalnet, 1, cancellationToken);
        }

        _flavor = flavor;
        return flavor;
    }
}
