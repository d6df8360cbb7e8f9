using Orchestrator.KubeProxy.Plan;

namespace Orchestrator.KubeProxy.Backends.Nftables;

/// <summary>
/// kube-proxy's nftables mode: table <c>ip kube-proxy</c>, written with one <c>nft -f -</c> transaction per sync.
/// The first sync, the one after a failure, after a node change or after <see cref="RequestFullSync"/> recreates
/// the table; the others rewrite only the Service ports whose plan changed (compared structurally, so unchanged
/// ports are neither rendered nor touched). Not thread-safe: one sync at a time.
/// </summary>
internal sealed class NftablesBackend(NftCommand nft) : IProxyBackend
{
    private Dictionary<ServicePortName, NftAppliedPort>? applied;
    private ProxyNode? appliedNode;
    private Dictionary<string, int> clusterIpRefs = new(StringComparer.Ordinal);
    private bool fullRequested;

    public NftablesBackend()
        : this(NftCommand.Host)
    {
    }

    public string Mode => "nftables";

    public string Render(ProxyPlan plan) => NftablesRenderer.RenderFull(plan);

    public void RequestFullSync() => fullRequested = true;

    public async Task<SyncOutcome> SyncAsync(ProxyPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var wanted = new Dictionary<ServicePortName, ServicePortPlan>(plan.Services.Count);
        foreach (var port in plan.Services)
        {
            wanted[port.Name] = port;
        }

        var previous = applied;
        var full = previous is null || fullRequested || appliedNode is null || !PlanEquality.SameNode(appliedNode, plan.Node);
        var (script, next) = full ? RenderFull(plan) : RenderChanges(previous!, wanted, plan.Node);
        if (script.Length == 0)
        {
            return new SyncOutcome(false, "", []);
        }

        try
        {
            await nft.ApplyAsync(script, cancellationToken);
        }
        catch
        {
            applied = null;
            throw;
        }

        var stale = previous is null
            ? []
            : StaleUdpEndpoints.Between(previous.Values.Where(p => !next.TryGetValue(p.Plan.Name, out var now) || !ReferenceEquals(now, p)).Select(p => p.Plan), wanted);
        applied = next;
        appliedNode = plan.Node;
        fullRequested = false;
        return new SyncOutcome(full, script, stale);
    }

    public async Task CleanupAsync(CancellationToken cancellationToken)
    {
        // add + delete: succeeds whether or not the table exists.
        await nft.ApplyAsync($"add table {NftNames.Table}\ndelete table {NftNames.Table}\n", cancellationToken);
        applied = null;
    }

    private (string Script, Dictionary<ServicePortName, NftAppliedPort> Next) RenderFull(ProxyPlan plan)
    {
        var next = new Dictionary<ServicePortName, NftAppliedPort>(plan.Services.Count);
        var refs = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var port in plan.Services)
        {
            next[port.Name] = new NftAppliedPort(port, NftServiceRenderer.Render(port, plan.Node));
            refs[port.ClusterIp] = refs.GetValueOrDefault(port.ClusterIp) + 1;
        }

        clusterIpRefs = refs;
        return (NftablesRenderer.RenderFull(plan, plan.Services.Select(p => next[p.Name].Fragment)), next);
    }

    private (string Script, Dictionary<ServicePortName, NftAppliedPort> Next) RenderChanges(
        Dictionary<ServicePortName, NftAppliedPort> previous, Dictionary<ServicePortName, ServicePortPlan> wanted, ProxyNode node)
    {
        var next = new Dictionary<ServicePortName, NftAppliedPort>(wanted.Count);
        var changes = new List<(NftServiceFragment, NftServiceFragment)>();
        var refs = new Dictionary<string, int>(clusterIpRefs, StringComparer.Ordinal);
        var touchedIps = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, port) in wanted)
        {
            previous.TryGetValue(name, out var old);
            if (old is not null && PlanEquality.SamePort(old.Plan, port))
            {
                next[name] = old;
                continue;
            }

            var entry = new NftAppliedPort(port, NftServiceRenderer.Render(port, node));
            next[name] = entry;
            changes.Add((old?.Fragment ?? NftServiceFragment.Empty, entry.Fragment));
            Count(refs, touchedIps, old?.Plan.ClusterIp, -1);
            Count(refs, touchedIps, port.ClusterIp, +1);
        }

        foreach (var (name, old) in previous.Where(p => !wanted.ContainsKey(p.Key)))
        {
            changes.Add((old.Fragment, NftServiceFragment.Empty));
            Count(refs, touchedIps, old.Plan.ClusterIp, -1);
        }

        if (changes.Count == 0)
        {
            return ("", previous);
        }

        var removedIps = touchedIps.Where(ip => refs.GetValueOrDefault(ip) == 0 && clusterIpRefs.GetValueOrDefault(ip) > 0).ToList();
        var addedIps = touchedIps.Where(ip => refs.GetValueOrDefault(ip) > 0 && clusterIpRefs.GetValueOrDefault(ip) == 0).ToList();
        foreach (var ip in removedIps)
        {
            refs.Remove(ip);
        }

        var script = NftablesIncremental.Write(changes, removedIps, addedIps);
        clusterIpRefs = refs;
        return (script, next);
    }

    private static void Count(Dictionary<string, int> refs, HashSet<string> touched, string? ip, int delta)
    {
        if (ip is not null)
        {
            refs[ip] = refs.GetValueOrDefault(ip) + delta;
            touched.Add(ip);
        }
    }
}
