namespace Orchestrator.KubeProxy.Backends.Nftables;

/// <summary>
/// The <see cref="NftNames"/> of one Service port, each hash computed once (rendering a port names every endpoint
/// chain two or three times; at 10,000 ports the repeated SHA-256s were a third of the render).
/// </summary>
internal sealed class NftPortNames(ServicePortName port)
{
    private readonly string serviceBase = NftNames.ServiceBase(port);
    private readonly Dictionary<EndpointPlan, string> endpointBases = [];

    public string ServiceChain => NftNames.ServicePrefix + serviceBase;

    public string LocalChain => NftNames.LocalPrefix + serviceBase;

    public string ExternalChain => NftNames.ExternalPrefix + serviceBase;

    public string EndpointChain(EndpointPlan endpoint) => NftNames.EndpointPrefix + EndpointBase(endpoint);

    public string AffinitySet(EndpointPlan endpoint) => NftNames.AffinityPrefix + EndpointBase(endpoint);

    private string EndpointBase(EndpointPlan endpoint)
    {
        if (!endpointBases.TryGetValue(endpoint, out var name))
        {
            name = NftNames.EndpointBase(port, endpoint);
            endpointBases[endpoint] = name;
        }

        return name;
    }
}
