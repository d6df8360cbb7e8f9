using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.KubeProxy.Backends.Nftables.Netlink;

namespace Orchestrator.KubeProxy.Backends.Nftables;

/// <summary>
/// kube-proxy's nftables mode: table <c>ip kube-proxy</c>, written as one transaction per sync. The first sync, the
/// one after a failure, after a node change or after <see cref="RequestFullSync"/> recreates the table; the others
/// rewrite only the Service ports whose plan changed (compared structurally, so unchanged ports are neither rendered
/// nor touched). With <see cref="NftTransport.Netlink"/> the sync's commands go straight to the kernel as one
/// nf_tables batch, else (and for the full sync after a failed batch, for a command the encoder does not know, and
/// for good once the kernel lacks nf_tables netlink) as their text through <c>nft -f -</c>. Not thread-safe: one
/// sync at a time.
/// </summary>
internal sealed partial class NftablesBackend(NftCommand nft, NftTransport transport, ILogger logger) : IProxyBackend
{
    private NftNetlink? netlink = transport == NftTransport.Netlink ? new NftNetlink(nft.NetworkNamespace) : null;
    private Dictionary<ServicePortName, NftAppliedPort>? applied;
    private ProxyNode? appliedNode;
    private Dictionary<string, int> clusterIpRefs = new(StringComparer.Ordinal);
    private bool fullRequested;
    private bool netlinkFailed;

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
        var full = applied is null || fullRequested || appliedNode is null || !PlanEquality.SameNode(appliedNode, plan.Node);
        return full ? await SyncFullAsync(plan, cancellationToken) : await SyncChangesAsync(applied!, plan, cancellationToken);
    }

    public async Task CleanupAsync(CancellationToken cancellationToken)
    {
        // add + delete: succeeds whether or not the table exists.
        await nft.ApplyAsync($"add table {NftNames.Table}\ndelete table {NftNames.Table}\n", cancellationToken);
        applied = null;
    }

    // True when the kernel took the changes over netlink; false when nft -f has to apply them: always after a failed
    // batch (the full sync that follows goes through nft, as after any failure), and for what netlink cannot carry.
    private bool TryNetlink(IReadOnlyList<NftOperation> changes)
    {
        if (netlink is null || netlinkFailed)
        {
            return false;
        }

        try
        {
            netlink.Apply(changes);
            return true;
        }
        catch (Exception error) when (error is NftNetlinkException or IOException)
        {
            LogNetlinkFailed(logger, error);
            netlinkFailed = true;
            throw;
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

    private async Task<SyncOutcome> SyncFullAsync(ProxyPlan plan, CancellationToken cancellationToken)
    {
        var previous = applied;
        var next = new Dictionary<ServicePortName, NftAppliedPort>(plan.Services.Count);
        var refs = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var port in plan.Services)
        {
            next[port.Name] = new NftAppliedPort(port, NftServiceRenderer.Render(port, plan.Node));
            refs[port.ClusterIp] = refs.GetValueOrDefault(port.ClusterIp) + 1;
        }

        var operations = NftablesRenderer.PlanFull(plan, plan.Services.Select(p => next[p.Name].Fragment));
        var script = NftOperation.Script(operations);
        await ApplyAsync(script, operations, cancellationToken);
        var stale = previous is null
            ? []
            : StaleUdpEndpoints.Between(previous.Values.Select(p => p.Plan), next.ToDictionary(p => p.Key, p => p.Value.Plan));
        applied = next;
        clusterIpRefs = refs;
        appliedNode = plan.Node;
        fullRequested = false;
        return new SyncOutcome(true, script, stale);
    }

    // Only the changed ports are rendered and written; the applied state is updated in place once the kernel took them.
    private async Task<SyncOutcome> SyncChangesAsync(Dictionary<ServicePortName, NftAppliedPort> current, ProxyPlan plan, CancellationToken cancellationToken)
    {
        var changes = NftablesDiff.Between(current, plan);
        if (changes.Count == 0)
        {
            return new SyncOutcome(false, "", []);
        }

        var refs = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            Count(refs, change.Old?.Plan.ClusterIp, -1);
            Count(refs, change.New?.Plan.ClusterIp, +1);
        }

        var removedIps = refs.Keys.Where(ip => clusterIpRefs.GetValueOrDefault(ip) > 0 && clusterIpRefs.GetValueOrDefault(ip) + refs[ip] == 0).ToList();
        var addedIps = refs.Keys.Where(ip => clusterIpRefs.GetValueOrDefault(ip) == 0 && refs[ip] > 0).ToList();
        var fragments = changes.Select(c => (c.Old?.Fragment ?? NftServiceFragment.Empty, c.New?.Fragment ?? NftServiceFragment.Empty)).ToList();
        var operations = NftablesIncremental.Plan(fragments, removedIps, addedIps);
        var script = NftOperation.Script(operations);
        await ApplyAsync(script, operations, cancellationToken);

        foreach (var change in changes)
        {
            if (change.New is null)
            {
                current.Remove(change.Name);
            }
            else
            {
                current[change.Name] = change.New;
            }
        }

        foreach (var (ip, delta) in refs)
        {
            var count = clusterIpRefs.GetValueOrDefault(ip) + delta;
            if (count == 0)
            {
                clusterIpRefs.Remove(ip);
            }
            else
            {
                clusterIpRefs[ip] = count;
            }
        }

        var stale = StaleUdpEndpoints.Between(
            changes.Where(c => c.Old is not null).Select(c => c.Old!.Plan),
            changes.Where(c => c.New is not null).ToDictionary(c => c.Name, c => c.New!.Plan));
        return new SyncOutcome(false, script, stale);
    }

    // A failure forgets what the kernel holds: the next sync is a full one.
    private async Task ApplyAsync(string script, IReadOnlyList<NftOperation> operations, CancellationToken cancellationToken)
    {
        try
        {
            if (!TryNetlink(operations))
            {
                await nft.ApplyAsync(script, cancellationToken);
                netlinkFailed = false;
            }
        }
        catch
        {
            applied = null;
            throw;
        }
    }

    private static void Count(Dictionary<string, int> refs, string? ip, int delta)
    {
        if (ip is not null)
        {
            refs[ip] = refs.GetValueOrDefault(ip) + delta;
        }
    }
}
