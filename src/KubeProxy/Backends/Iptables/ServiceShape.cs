namespace Orchestrator.KubeProxy.Backends.Iptables;

/// <summary>
/// Which chains one Service port uses and where each kind of traffic goes (upstream's usesClusterPolicyChain,
/// internalTrafficChain, hasExternalEndpoints, …), derived from the plan.
/// </summary>
internal sealed record ServiceShape(
    string ClusterChain,
    string LocalChain,
    string ExternalChain,
    IReadOnlyList<EndpointPlan> ClusterEndpoints,
    IReadOnlyList<EndpointPlan> LocalEndpoints,
    bool ExternallyAccessible,
    bool ExternalPolicyLocal,
    bool InternalPolicyLocal)
{
    /// <summary>Any usable endpoint this node knows of (false: every address of the Service is rejected).</summary>
    public bool HasEndpoints => ClusterEndpoints.Count > 0 || LocalEndpoints.Count > 0;

    public bool UsesClusterChain => ClusterEndpoints.Count > 0 && (!InternalPolicyLocal || (ExternallyAccessible && !ExternalPolicyLocal));

    public bool UsesLocalChain => LocalEndpoints.Count > 0 && (InternalPolicyLocal || ExternalPolicyLocal);

    public bool UsesExternalChain => HasEndpoints && ExternallyAccessible;

    public string InternalChain => InternalPolicyLocal ? LocalChain : ClusterChain;

    public bool HasInternalEndpoints => InternalPolicyLocal ? LocalEndpoints.Count > 0 : ClusterEndpoints.Count > 0;

    public string ExternalPolicyChain => ExternalPolicyLocal ? LocalChain : ClusterChain;

    public bool HasExternalEndpoints => ExternalPolicyLocal ? LocalEndpoints.Count > 0 : ClusterEndpoints.Count > 0;

    public static ServiceShape Of(ServicePortPlan service)
    {
        var externallyAccessible = service.NodePort != 0 || service.ExternalIps.Count > 0 || service.LoadBalancerIps.Count > 0;
        var externalLocal = service.ExternalPolicyLocal && externallyAccessible;

        // The plan's ClusterEndpoints are the whole cluster's; its LocalEndpoints are filled under a Local policy.
        IReadOnlyList<EndpointPlan> local = externalLocal || service.InternalPolicyLocal ? service.LocalEndpoints : [];
        return new ServiceShape(
            IptablesChains.ClusterPolicy(service.Name),
            IptablesChains.LocalPolicy(service.Name),
            IptablesChains.External(service.Name),
            service.ClusterEndpoints,
            local,
            externallyAccessible,
            externalLocal,
            service.InternalPolicyLocal);
    }
}
