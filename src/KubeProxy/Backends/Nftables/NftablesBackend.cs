using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.KubeProxy.Backends.Nftables.Netlink;
using Orchestrator.KubeProxy.Plan;

namespace Orchestrator.KubeProxy.Backends.Nftables;

/// <summary>
/// kube-proxy's nftables mode: table <c>ip kube-proxy</c>, written with one <c>nft -f -</c> transaction per sync.
/// The first sync, the one after a failure, after a node change or after <see cref="RequestFullSync"/> recreates
/// the table; the others rewrite only the Service ports whose plan changed (compared structurally, so unchanged
/// ports are neither rendered nor touched). A full sync goes through <c>nft -f</c>; an incremental one, with
/// <see cref="NftTransport.Netlink"/>, straight to the kernel as the same commands in one nf_tables batch (a command the
/// encoder does not know goes through <c>nft -f</c>; a kernel without nf_tables netlink makes every later sync use
/// <c>nft</c>). Not thread-safe: one sync at a time.
/// </summary>
internal sealed partial class NftablesBackend(NftCommand nft, NftTransport transport, ILogger logger) : IProxyBackend
{
    private NftNetlink? netlink = transport == NftTransport.Netlink ? new NftNetlink(nft.NetworkNamespace) : null;
    private Dictionary<ServicePortName, NftAppliedPort>? applied;
    private ProxyNode? appliedNode;
    private Dictionary<string, int> clusterIpRefs = new(StringComparer.Ordinal);
    private bool fullRequested;

    public NftablesBackend()
        : this(NftCommand.Host)
    {
    }

    public NftablesBackend(NftCommand nft)
        : this(nft, NftTransport.Netlink, NullLogger.Instance)
    {
    }

    public NftTransport Transport => netlink is null ? NftTransport.Nft : NftTransport.Netlink;

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
        var (script, changes, next) = full ? RenderFull(plan) : RenderChanges(previous!, wanted, plan.Node);
        if (script.Length == 0)
        {
            return new SyncOutcome(false, "", []);
        }

        try
        {
            if (changes is null || !TryNetlink(changes))
            {
                await nft.ApplyAsync(script, cancellationToken);
            }
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

    // True when the kernel took the changes over netlink; false when nft -f has to apply them.
    private bool TryNetlink(IReadOnlyList<NftOperation> changes)
    {
        if (netlink is null)
        {
            return false;
        }

        try
        {
            netlink.Apply(changes);
            return true;
        }
        catch (NotSupportedException error)
        {
            LogNotEncodable(logger, error.Message);
        }
        catch (NetlinkUnavailableException error)
        {
            LogNetlinkUnavailable(logger, error.Message);
            netlink = null;
        }

        return false;
    }

    private (string Script, List<NftOperation>? Changes, Dictionary<ServicePortName, NftAppliedPort> Next) RenderFull(ProxyPlan plan)
    {
        var next = new Dictionary<ServicePortName, NftAppliedPort>(plan.Services.Count);
        var refs = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var port in plan.Services)
        {
            next[port.Name] = new NftAppliedPort(port, NftServiceRenderer.Render(port, plan.Node));
            refs[port.ClusterIp] = refs.GetValueOrDefault(port.ClusterIp) + 1;
        }

        clusterIpRefs = refs;
        return (NftablesRenderer.RenderFull(plan, plan.Services.Select(p => next[p.Name].Fragment)), null, next);
    }

    private (string Script, List<NftOperation>? Changes, Dictionary<ServicePortName, NftAppliedPort> Next) RenderChanges(
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
            return ("", null, previous);
        }

        var removedIps = touchedIps.Where(ip => refs.GetValueOrDefault(ip) == 0 && clusterIpRefs.GetValueOrDefault(ip) > 0).ToList();
        var addedIps = touchedIps.Where(ip => refs.GetValueOrDefault(ip) > 0 && clusterIpRefs.GetValueOrDefault(ip) == 0).ToList();
        foreach (var ip in removedIps)
        {
            refs.Remove(ip);
        }

        var operations = NftablesIncremental.Plan(changes, removedIps, addedIps);
        clusterIpRefs = refs;
        return (NftOperation.Script(operations), operations, next);
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
