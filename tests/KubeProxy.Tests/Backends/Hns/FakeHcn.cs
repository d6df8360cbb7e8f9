using Orchestrator.KubeProxy.Backends.Hns;

namespace Orchestrator.KubeProxy.Tests.Backends.Hns;

/// <summary>
/// An in-memory HNS for sync tests: holds one network, endpoints and load balancers, numbers new objects, and
/// records every mutating call ("create-lb", "modify-lb", "delete-lb", "create-ep", "delete-ep") with the object id.
/// </summary>
internal sealed class FakeHcn(HcnNetwork network) : IHcn
{
    private int next;

    public List<string> Calls { get; } = [];

    public Dictionary<string, HcnEndpoint> Endpoints { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, HcnLoadBalancer> LoadBalancers { get; } = new(StringComparer.Ordinal);

    public HcnNetwork Network { get; set; } = network;

    /// <summary>Whether ModifyLoadBalancer answers E_NOTIMPL, as HNS before ModifyLoadbalancer support does.</summary>
    public bool ModifyUnsupported { get; set; }

    /// <summary>LB ids whose deletion fails (with a generic HCN error) until removed from this set.</summary>
    public HashSet<string> FailingDeletes { get; } = new(StringComparer.Ordinal);

    /// <summary>A local pod's endpoint, as CNI would have created it.</summary>
    public string AddLocalEndpoint(string ip)
    {
        var id = NewId();
        Endpoints[id] = new HcnEndpoint { Id = id, HostComputeNetwork = Network.Id, IpConfigurations = [new HcnIpConfig(ip)] };
        return id;
    }

    public HcnNetwork? GetNetworkByName(string name) => Network.Name == name ? Network : null;

    public IReadOnlyList<HcnEndpoint> ListEndpoints(string networkId) => [.. Endpoints.Values.Where(e => e.HostComputeNetwork == networkId)];

    public HcnEndpoint CreateEndpoint(string networkId, HcnEndpoint settings)
    {
        var created = settings with { Id = NewId(), HostComputeNetwork = networkId };
        Endpoints[created.Id!] = created;
        Calls.Add("create-ep " + created.IpAddress);
        return created;
    }

    public void DeleteEndpoint(string id)
    {
        Calls.Add("delete-ep " + (Endpoints.TryGetValue(id, out var endpoint) ? endpoint.IpAddress : id));
        if (!Endpoints.Remove(id))
        {
            throw new HcnNotFoundException("not found", "hcnDeleteEndpoint", HcnErrors.EndpointNotFound, null);
        }
    }

    public IReadOnlyList<HcnLoadBalancer> ListLoadBalancers() => [.. LoadBalancers.Values];

    public HcnLoadBalancer GetLoadBalancer(string id) => LoadBalancers.TryGetValue(id, out var lb)
        ? lb
        : throw new HcnNotFoundException("not found", "hcnQueryLoadBalancerProperties", HcnErrors.ErrorNotFound, null);

    public HcnLoadBalancer CreateLoadBalancer(HcnLoadBalancer settings)
    {
        if (LoadBalancers.Values.Any(lb => lb.FrontendVips?.FirstOrDefault() == settings.FrontendVips?.FirstOrDefault()
            && lb.PortMappings![0].ExternalPort == settings.PortMappings![0].ExternalPort && lb.PortMappings[0].Protocol == settings.PortMappings[0].Protocol))
        {
            throw new HcnPortExistsException("port exists", "hcnCreateLoadBalancer", HcnErrors.PortAlreadyExists, null);
        }

        var created = settings with { Id = NewId() };
        LoadBalancers[created.Id!] = created;
        Calls.Add("create-lb " + Describe(created));
        return created;
    }

    public HcnLoadBalancer ModifyLoadBalancer(string id, HcnLoadBalancer settings)
    {
        if (ModifyUnsupported)
        {
            throw new HcnNotImplementedException("not implemented", "hcnModifyLoadBalancer", HcnErrors.NotImplemented, null);
        }

        var modified = settings with { Id = id };
        LoadBalancers[id] = modified;
        Calls.Add("modify-lb " + Describe(modified));
        return modified;
    }

    public void DeleteLoadBalancer(string id)
    {
        Calls.Add("delete-lb " + (LoadBalancers.TryGetValue(id, out var lb) ? Describe(lb) : id));
        if (FailingDeletes.Contains(id))
        {
            throw new HcnException("delete failed", "hcnDeleteLoadBalancer", unchecked((int)0x80004005), null);
        }

        if (!LoadBalancers.Remove(id))
        {
            throw new HcnNotFoundException("not found", "hcnDeleteLoadBalancer", HcnErrors.ErrorNotFound, null);
        }
    }

    /// <summary>VIP (or "nodeport") and external port, e.g. <c>10.96.0.90:80</c> or <c>nodeport:30080</c>.</summary>
    public static string Describe(HcnLoadBalancer lb) => $"{lb.FrontendVips?.FirstOrDefault() ?? "nodeport"}:{lb.PortMappings![0].ExternalPort}";

    private string NewId() => $"00000000-0000-0000-0000-{++next:D12}";
}
