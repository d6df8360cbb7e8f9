namespace Orchestrator.Kubelet.Network;

/// <summary>How a real node connects its pods to the other nodes' pods (<c>--pod-network</c>).</summary>
public enum PodNetworkMode
{
    /// <summary>Routes to every other node's podCIDR via its InternalIP, plus masquerade for traffic leaving the cluster CIDR (the nodes share one L2 network).</summary>
    HostGw,

    /// <summary>Nothing beyond the node's own CNI bridge: routes and masquerade are someone else's job.</summary>
    None,
}
