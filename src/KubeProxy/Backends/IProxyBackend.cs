namespace Orchestrator.KubeProxy.Backends;

/// <summary>
/// Programs one node's data plane from a <see cref="ProxyPlan"/> (nftables, iptables, HNS). A backend remembers
/// what it applied last, so a sync writes only what changed; after a failed apply the next sync is a full one.
/// </summary>
public interface IProxyBackend
{
    /// <summary>The mode name as <c>--mode</c> spells it: <c>nftables</c>, <c>iptables</c>, <c>hns</c>.</summary>
    string Mode { get; }

    /// <summary>The complete ruleset for <paramref name="plan"/>, as a full sync would write it (<c>--dry-run</c> prints this).</summary>
    string Render(ProxyPlan plan);

    /// <summary>Applies <paramref name="plan"/>: a full sync the first time (and after a failure), else only what changed.</summary>
    Task<SyncOutcome> SyncAsync(ProxyPlan plan, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the next <see cref="SyncAsync"/> a full one (the periodic resync that repairs rules changed behind the
    /// proxy's back). Backends that always write everything need not override it.
    /// </summary>
    void RequestFullSync()
    {
    }

    /// <summary>Removes everything this backend ever programs (<c>--cleanup</c>), whether or not this process wrote it.</summary>
    Task CleanupAsync(CancellationToken cancellationToken);
}

/// <summary>What one sync did.</summary>
/// <param name="Full">Whether the whole ruleset was rewritten.</param>
/// <param name="Script">The text handed to the tool (nft/iptables-restore input); empty when nothing changed.</param>
/// <param name="StaleUdpEndpoints">UDP endpoints (IP:port per ServicePort) removed by this sync, whose conntrack entries the caller flushes.</param>
public sealed record SyncOutcome(bool Full, string Script, IReadOnlyList<StaleUdpEndpoint> StaleUdpEndpoints);

/// <summary>A UDP endpoint that left a Service port (its conntrack entries for the Service IPs are flushed).</summary>
public sealed record StaleUdpEndpoint(string ServiceIp, int ServicePort, string EndpointIp);
