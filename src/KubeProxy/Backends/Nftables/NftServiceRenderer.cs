namespace Orchestrator.KubeProxy.Backends.Nftables;

/// <summary>
/// Renders one Service port into its <see cref="NftServiceFragment"/> following upstream's syncProxyRules: the
/// ClusterIP goes to the service (or, with internalTrafficPolicy Local, the local) chain; external addresses and the
/// NodePort go to the external chain; no endpoints at all → reject, no endpoints for one kind of traffic → drop.
/// </summary>
internal static class NftServiceRenderer
{
    private const string MarkForMasquerade = "jump mark-for-masquerade";

    public static NftServiceFragment Render(ServicePortPlan port, ProxyNode node)
    {
        var name = port.Name;
        var names = new NftPortNames(name);
        var serviceChain = names.ServiceChain;
        var localChain = names.LocalChain;
        var externalChain = names.ExternalChain;
        var internalChain = port.InternalPolicyLocal ? localChain : serviceChain;
        var hasEndpoints = port.ClusterEndpoints.Count > 0 || port.LocalEndpoints.Count > 0;
        var hasInternal = port.InternalEndpoints.Count > 0;
        var hasExternal = port.ExternalEndpoints.Count > 0;
        var externallyAccessible = port.ExternallyAccessible;
        var usesExternalChain = hasEndpoints && externallyAccessible;
        var internalFilter = hasEndpoints ? "drop" : "goto reject-chain";
        var comment = name.ToString();
        var key = string.Create(CultureInfo.InvariantCulture, $" . {name.Protocol} . {port.Port}");

        var chains = new List<NftChain>();
        var elements = new List<NftElement> { new("cluster-ips", port.ClusterIp) };
        elements.Add(hasInternal
            ? new NftElement("service-ips", port.ClusterIp + key, "goto " + internalChain)
            : new NftElement("no-endpoint-services", port.ClusterIp + key, internalFilter, comment));
        foreach (var ip in port.ExternalIps.Concat(port.LoadBalancerIps))
        {
            if (usesExternalChain)
            {
                elements.Add(new NftElement("service-ips", ip + key, "goto " + externalChain));
            }

            if (!hasExternal)
            {
                elements.Add(new NftElement("no-endpoint-services", ip + key, internalFilter, comment));
            }
        }

        if (port.NodePort != 0)
        {
            var nodePortKey = string.Create(CultureInfo.InvariantCulture, $"{name.Protocol} . {port.NodePort}");
            if (usesExternalChain)
            {
                elements.Add(new NftElement("service-nodeports", nodePortKey, "goto " + externalChain));
            }

            if (!hasExternal)
            {
                elements.Add(new NftElement("no-endpoint-nodeports", nodePortKey, internalFilter, comment));
            }
        }

        var masqueradeOffCluster = node.ClusterCidr.Length == 0
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"ip daddr {port.ClusterIp} ip saddr != {node.ClusterCidr} {MarkForMasquerade}");
        if (port.ClusterEndpoints.Count > 0 && port.UsesClusterEndpoints)
        {
            chains.Add(new NftChain(serviceChain, Dispatch(port, names, masqueradeOffCluster, port.ClusterEndpoints)));
        }

        var localEndpoints = port.LocalEndpoints;
        if (localEndpoints.Count > 0)
        {
            chains.Add(new NftChain(localChain, Dispatch(port, names, port.InternalPolicyLocal ? masqueradeOffCluster : null, localEndpoints)));
        }

        if (usesExternalChain)
        {
            chains.Add(new NftChain(externalChain, ExternalRules(port, node, names, internalChain, hasInternal, hasExternal)));
        }

        foreach (var endpoint in port.AllEndpoints)
        {
            chains.Add(new NftChain(names.EndpointChain(endpoint), EndpointRules(port, names, endpoint)));
        }

        var sets = port.AffinityTimeoutSeconds is { } timeout
            ? port.AllEndpoints.Select(e => new NftAffinitySet(names.AffinitySet(e), timeout)).ToList()
            : [];
        return new NftServiceFragment(sets, chains, elements);
    }

    private static List<string> Dispatch(ServicePortPlan port, NftPortNames names, string? masquerade, IReadOnlyList<EndpointPlan> endpoints)
    {
        var rules = new List<string>();
        if (masquerade is not null)
        {
            rules.Add(masquerade);
        }

        if (port.AffinityTimeoutSeconds is not null)
        {
            rules.AddRange(endpoints.Select(e => $"ip saddr @{names.AffinitySet(e)} goto {names.EndpointChain(e)}"));
        }

        // Equal shares as a cascade: rule i takes 1/(N-i) of what reaches it (iptables mode's statistic rules).
        // Upstream writes one anonymous "numgen random mod N vmap { … }" per Service instead; every anonymous map
        // makes the kernel's loop check of each later jump walk all sets of the table, which measured 38-50 s for
        // a 10,000-Service full sync here against 4.6 s for this form (bench/proxy.sh).
        for (var i = 0; i < endpoints.Count - 1; i++)
        {
            rules.Add(string.Create(CultureInfo.InvariantCulture,
                $"numgen random mod {endpoints.Count - i} == 0 goto {names.EndpointChain(endpoints[i])}"));
        }

        rules.Add("goto " + names.EndpointChain(endpoints[^1]));
        return rules;
    }

    private static List<string> ExternalRules(ServicePortPlan port, ProxyNode node, NftPortNames names, string internalChain, bool hasInternal, bool hasExternal)
    {
        if (!port.ExternalPolicyLocal)
        {
            // Cluster policy may send the packet to another node: masquerade so the reply comes back through us.
            // It goes to every endpoint of the cluster, even when internalTrafficPolicy is Local.
            return [MarkForMasquerade, "goto " + names.ServiceChain];
        }

        var rules = new List<string>();
        if (hasInternal)
        {
            // Pods and the node itself reach external addresses as if through an outside load balancer: any endpoint.
            if (node.ClusterCidr.Length > 0)
            {
                rules.Add($"ip saddr {node.ClusterCidr} goto {internalChain} comment \"short-circuit pod traffic\"");
            }

            rules.Add($"fib saddr type local {MarkForMasquerade} comment \"masquerade local traffic\"");
            rules.Add($"fib saddr type local goto {internalChain} comment \"short-circuit local traffic\"");
        }

        if (hasExternal)
        {
            rules.Add("goto " + names.LocalChain);
        }

        return rules;
    }

    private static List<string> EndpointRules(ServicePortPlan port, NftPortNames names, EndpointPlan endpoint)
    {
        var rules = new List<string> { $"ip saddr {endpoint.Ip} {MarkForMasquerade}" };
        if (port.AffinityTimeoutSeconds is not null)
        {
            rules.Add($"update @{names.AffinitySet(endpoint)} {{ ip saddr }}");
        }

        rules.Add($"meta l4proto {port.Name.Protocol} dnat to {endpoint.Address}");
        return rules;
    }
}
