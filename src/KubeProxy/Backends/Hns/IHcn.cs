namespace Orchestrator.KubeProxy.Backends.Hns;

/// <summary>
/// The Host Compute Network service (computenetwork.dll), as much of it as the proxy uses. Calls are synchronous,
/// like HCN's own; each may throw an <see cref="HcnException"/> (<see cref="HcnNotFoundException"/> when the object
/// is gone, <see cref="HcnPortExistsException"/>, <see cref="HcnNotImplementedException"/> when this HNS lacks the
/// operation, e.g. ModifyLoadBalancer on old builds). Objects are identified by GUID strings.
/// </summary>
public interface IHcn
{
    /// <summary>The network named <paramref name="name"/> (detailed, with its policies), or null when there is none.</summary>
    HcnNetwork? GetNetworkByName(string name);

    /// <summary>Every endpoint on network <paramref name="networkId"/> (local pods' and remote ones).</summary>
    IReadOnlyList<HcnEndpoint> ListEndpoints(string networkId);

    /// <summary>Creates an endpoint on <paramref name="networkId"/> (HNS assigns the GUID) and returns it as HNS stored it.</summary>
    HcnEndpoint CreateEndpoint(string networkId, HcnEndpoint settings);

    /// <summary>Deletes an endpoint; <see cref="HcnNotFoundException"/> when it is already gone.</summary>
    void DeleteEndpoint(string id);

    /// <summary>Every load balancer on the host (detailed).</summary>
    IReadOnlyList<HcnLoadBalancer> ListLoadBalancers();

    /// <summary>One load balancer by GUID (open + query + close).</summary>
    HcnLoadBalancer GetLoadBalancer(string id);

    /// <summary>Creates a load balancer (HNS assigns the GUID) and returns it as HNS stored it.</summary>
    HcnLoadBalancer CreateLoadBalancer(HcnLoadBalancer settings);

    /// <summary>Replaces load balancer <paramref name="id"/>'s settings; <see cref="HcnNotImplementedException"/> on HNS without ModifyLoadbalancer.</summary>
    HcnLoadBalancer ModifyLoadBalancer(string id, HcnLoadBalancer settings);

    /// <summary>Deletes a load balancer; <see cref="HcnNotFoundException"/> when it is already gone.</summary>
    void DeleteLoadBalancer(string id);
}
