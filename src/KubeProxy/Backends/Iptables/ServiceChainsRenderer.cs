namespace Orchestrator.KubeProxy.Backends.Iptables;

/// <summary>The per-service nat chains of one Service port (KUBE-EXT-, KUBE-SVC-, KUBE-SVL-, KUBE-SEP-) and their rules.</summary>
internal static class ServiceChainsRenderer
{
    public static (IReadOnlyList<string> Chains, IReadOnlyList<string> Rules) Render(ServicePortPlan service, ServiceShape shape, ServiceRenderContext context)
    {
        var name = service.Name.ToString();
        var proto = service.Name.Protocol;
        var chains = new List<string>();
        var rules = new List<string>();

        if (shape.HasInternalEndpoints)
        {
            var clusterIp = $"-m comment --comment \"{name} cluster IP\" -m {proto} -p {proto} -d {service.ClusterIp} --dport {service.Port.ToString(CultureInfo.InvariantCulture)}";
            if (context.MasqueradeAll)
            {
                rules.Add($"-A {shape.InternalChain} {clusterIp} -j {IptablesChains.MarkMasq}");
            }
            else if (context.ClusterCidr.Length > 0)
            {
                // Off-cluster traffic to a Service IP (a static route for the Service range via any node) may
                // bounce to another node, so it is masqueraded.
                rules.Add($"-A {shape.InternalChain} {clusterIp} ! -s {context.ClusterCidr} -j {IptablesChains.MarkMasq}");
            }
        }

        if (shape.UsesExternalChain)
        {
            chains.Add(shape.ExternalChain);
            WriteExternalChain(rules, name, shape, context);
        }

        var endpointChains = new SortedDictionary<string, (EndpointPlan Endpoint, string Chain)>(StringComparer.Ordinal);
        if (shape.UsesClusterChain)
        {
            chains.Add(shape.ClusterChain);
            WriteServiceToEndpoints(rules, service, shape.ClusterChain, shape.ClusterEndpoints, context, endpointChains);
        }

        if (shape.UsesLocalChain)
        {
            chains.Add(shape.LocalChain);
            WriteServiceToEndpoints(rules, service, shape.LocalChain, shape.LocalEndpoints, context, endpointChains);
        }

        foreach (var (endpoint, chain) in endpointChains.Values)
        {
            chains.Add(chain);
            var prefix = $"-A {chain}" + (context.LargeCluster ? string.Empty : $" -m comment --comment {name}");

            // Traffic that loops back to the endpoint it came from needs SNAT (hairpin).
            rules.Add($"{prefix} -s {endpoint.Ip} -j {IptablesChains.MarkMasq}");
            var affinity = service.AffinityTimeoutSeconds is null ? string.Empty : $" -m recent --name {chain} --set";
            rules.Add($"{prefix}{affinity} -m {proto} -p {proto} -j DNAT --to-destination {endpoint.Address}");
        }

        return (chains, rules);
    }

    private static void WriteExternalChain(List<string> rules, string name, ServiceShape shape, ServiceRenderContext context)
    {
        var chain = shape.ExternalChain;
        if (!shape.ExternalPolicyLocal)
        {
            // Endpoints may be on other nodes: masquerade so replies come back through this node.
            rules.Add($"-A {chain} -m comment --comment \"masquerade traffic for {name} external destinations\" -j {IptablesChains.MarkMasq}");
        }
        else if (shape.UsesClusterChain)
        {
            // Only same-node endpoints: the client's source IP is kept, except for traffic from this node's pods
            // (treated as if it went out to a load balancer and came back in) and from the node itself (the
            // external IP is a local address, so it would be the source).
            if (context.ClusterCidr.Length > 0)
            {
                rules.Add($"-A {chain} -m comment --comment \"pod traffic for {name} external destinations\" -s {context.ClusterCidr} -j {shape.ClusterChain}");
            }

            rules.Add($"-A {chain} -m comment --comment \"masquerade LOCAL traffic for {name} external destinations\" -m addrtype --src-type LOCAL -j {IptablesChains.MarkMasq}");
            rules.Add($"-A {chain} -m comment --comment \"route LOCAL traffic for {name} external destinations\" -m addrtype --src-type LOCAL -j {shape.ClusterChain}");
        }

        if (shape.HasExternalEndpoints)
        {
            rules.Add($"-A {chain} -j {shape.ExternalPolicyChain}");
        }
    }

    private static void WriteServiceToEndpoints(
        List<string> rules,
        ServicePortPlan service,
        string chain,
        IReadOnlyList<EndpointPlan> endpoints,
        ServiceRenderContext context,
        SortedDictionary<string, (EndpointPlan, string)> endpointChains)
    {
        var name = service.Name.ToString();
        var sep = endpoints.Select(e => IptablesChains.Endpoint(service.Name, e)).ToList();
        for (var i = 0; i < endpoints.Count; i++)
        {
            endpointChains[endpoints[i].Address] = (endpoints[i], sep[i]);
        }

        string Prefix(EndpointPlan endpoint) =>
            $"-A {chain}" + (context.LargeCluster ? string.Empty : $" -m comment --comment \"{name} -> {endpoint.Address}\"");

        if (service.AffinityTimeoutSeconds is { } seconds)
        {
            var timeout = seconds.ToString(CultureInfo.InvariantCulture);
            for (var i = 0; i < endpoints.Count; i++)
            {
                rules.Add($"{Prefix(endpoints[i])} -m recent --name {sep[i]} --rcheck --seconds {timeout} --reap -j {sep[i]}");
            }
        }

        for (var i = 0; i < endpoints.Count; i++)
        {
            // Rule i of n matches with probability 1/(n-i); the last one always matches.
            var statistic = i < endpoints.Count - 1
                ? " -m statistic --mode random --probability " + (1.0 / (endpoints.Count - i)).ToString("F10", CultureInfo.InvariantCulture)
                : string.Empty;
            rules.Add($"{Prefix(endpoints[i])}{statistic} -j {sep[i]}");
        }
    }
}
