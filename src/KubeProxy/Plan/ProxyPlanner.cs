namespace Orchestrator.KubeProxy.Plan;

/// <summary>
/// The pure decision of the proxy: Services + EndpointSlices + this node → <see cref="ProxyPlan"/>. Follows upstream's
/// ServiceChangeTracker (which Services and ports get rules) and <c>CategorizeEndpoints</c> (pkg/proxy/topology.go:
/// which endpoints each kind of traffic may use).
/// </summary>
public static class ProxyPlanner
{
    public const int DefaultAffinityTimeoutSeconds = 10800;

    public static ProxyPlan ComputeProxyPlan(IEnumerable<V1Service> services, IEnumerable<V1EndpointSlice> slices, ProxyNode node)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(slices);
        ArgumentNullException.ThrowIfNull(node);

        var slicesByService = slices
            .Where(s => s.Metadata?.Labels?.ContainsKey(SliceEndpoints.ServiceNameLabel) == true)
            .ToLookup(s => (s.Metadata.NamespaceProperty ?? "", s.Metadata.Labels[SliceEndpoints.ServiceNameLabel]));

        var ports = new List<ServicePortPlan>();
        foreach (var service in services)
        {
            ports.AddRange(PlanService(service, slicesByService[(service.Metadata?.NamespaceProperty ?? "", service.Metadata?.Name ?? "")], node));
        }

        ports.Sort((a, b) => a.Name.CompareTo(b.Name));
        return new ProxyPlan(ports, node);
    }

    private static IEnumerable<ServicePortPlan> PlanService(V1Service service, IEnumerable<V1EndpointSlice> slices, ProxyNode node)
    {
        var spec = service.Spec;
        if (spec is null || string.Equals(spec.Type, "ExternalName", StringComparison.Ordinal))
        {
            yield break;
        }

        var clusterIp = ClusterIpv4(spec);
        if (clusterIp is null)
        {
            yield break;
        }

        var externallyAccessible = spec.Type is "NodePort" or "LoadBalancer" || spec.ExternalIPs?.Count > 0;
        var externalLocal = externallyAccessible && string.Equals(spec.ExternalTrafficPolicy, "Local", StringComparison.Ordinal);
        var internalLocal = string.Equals(spec.InternalTrafficPolicy, "Local", StringComparison.Ordinal);
        int? affinity = string.Equals(spec.SessionAffinity, "ClientIP", StringComparison.Ordinal)
            ? spec.SessionAffinityConfig?.ClientIP?.TimeoutSeconds ?? DefaultAffinityTimeoutSeconds
            : null;
        var externalIps = Ipv4Only(spec.ExternalIPs);
        var loadBalancerIps = Ipv4Only(service.Status?.LoadBalancer?.Ingress?.Select(i => i.Ip));
        var sliceList = slices.ToList();

        foreach (var port in spec.Ports ?? [])
        {
            var protocol = port.Protocol ?? "TCP";
            var endpoints = SliceEndpoints.ForPort(sliceList, port.Name ?? "", protocol, node.Name);
            var cluster = Usable(endpoints);
            var local = Usable(endpoints.Where(e => e.IsLocal).ToList());
            yield return new ServicePortPlan(
                new ServicePortName(service.Metadata.NamespaceProperty ?? "", service.Metadata.Name, port.Name ?? "", protocol.ToLowerInvariant()),
                clusterIp,
                port.Port,
                externallyAccessible ? port.NodePort ?? 0 : 0,
                externalIps,
                loadBalancerIps,
                externalLocal,
                internalLocal,
                affinity,
                cluster,
                internalLocal || externalLocal ? local : []);
        }
    }

    /// <summary>Ready endpoints; when none is ready, the serving and terminating ones (upstream's ProxyTerminatingEndpoints).</summary>
    internal static IReadOnlyList<EndpointPlan> Usable(IReadOnlyList<EndpointPlan> endpoints)
    {
        var ready = endpoints.Where(e => e.Ready).ToList();
        return ready.Count > 0 ? ready : endpoints.Where(e => e.Serving && e.Terminating).ToList();
    }

    private static string? ClusterIpv4(V1ServiceSpec spec)
    {
        var candidates = spec.ClusterIPs is { Count: > 0 } all ? all : [spec.ClusterIP];
        return candidates.FirstOrDefault(ip => ip is not null && SliceEndpoints.IsIpv4(ip));
    }

    private static IReadOnlyList<string> Ipv4Only(IEnumerable<string?>? addresses) =>
        addresses is null ? [] : addresses.OfType<string>().Where(SliceEndpoints.IsIpv4).Distinct(StringComparer.Ordinal).ToList();
}
