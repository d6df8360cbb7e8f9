namespace Orchestrator.KubeProxy;

/// <summary>Settings of one node's proxy (upstream's KubeProxyConfiguration, the parts this proxy supports).</summary>
/// <param name="NodeName">The Node this proxy runs for: its endpoints are local, its addresses answer NodePorts.</param>
/// <param name="Mode"><c>nftables</c> (default) or another mode <see cref="Backends.ProxyBackends"/> knows.</param>
/// <param name="ClusterCidr">The pod network; ClusterIP traffic from outside it is masqueraded (default: the controller manager's 10.244.0.0/16).</param>
/// <param name="NodeIps">Addresses NodePorts answer on; null: the Node's InternalIP and ExternalIP addresses.</param>
public sealed record ProxyOptions(string NodeName, string Mode = "nftables", string ClusterCidr = "10.244.0.0/16", IReadOnlyList<string>? NodeIps = null)
{
    /// <summary>Least time between two syncs: changes arriving closer together are applied in one sync (upstream default 1 s).</summary>
    public TimeSpan MinSyncPeriod { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Time after which a full sync rewrites everything even without changes (upstream default 30 s).</summary>
    public TimeSpan SyncPeriod { get; init; } = TimeSpan.FromSeconds(30);

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(NodeName))
        {
            throw new ArgumentException("the proxy needs a node name (--node-name)");
        }

        if (MinSyncPeriod < TimeSpan.Zero || SyncPeriod <= TimeSpan.Zero || MinSyncPeriod > SyncPeriod)
        {
            throw new ArgumentException($"sync periods must satisfy 0 <= min-sync-period ({MinSyncPeriod}) <= sync-period ({SyncPeriod}) and sync-period > 0");
        }

        if (ClusterCidr.Length > 0 && !System.Net.IPNetwork.TryParse(ClusterCidr, out _))
        {
            throw new ArgumentException($"cluster CIDR '{ClusterCidr}' is not a CIDR");
        }
    }
}
