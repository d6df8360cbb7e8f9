namespace Orchestrator.Kubelet.Network;

/// <summary>The host-gw pod network of one node.</summary>
/// <param name="NodeName">This node: its own podCIDR is never routed elsewhere.</param>
/// <param name="ClusterCidr">Every pod address (upstream --cluster-cidr): traffic from it to outside it is masqueraded.</param>
/// <param name="MasqueradeTable">The node's nftables table (<see cref="PodMasquerade.TableNameFor"/>).</param>
internal sealed record PodNetworkOptions(string NodeName, Ipv4Cidr ClusterCidr, string MasqueradeTable)
{
    /// <summary>How often routes and the masquerade table are re-synced when no Node changes (as upstream's route controller, 10 s).</summary>
    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Where the sysctls live; tests point it at a scratch directory.</summary>
    public string ProcSys { get; init; } = "/proc/sys";
}
