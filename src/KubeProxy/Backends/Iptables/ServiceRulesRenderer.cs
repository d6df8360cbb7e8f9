namespace Orchestrator.KubeProxy.Backends.Iptables;

/// <summary>
/// One Service port's rules, as upstream's syncProxyRules writes them inside its per-service loop. The plan's
/// <see cref="ServicePortPlan.ClusterEndpoints"/> (every endpoint in the cluster) feed KUBE-SVC-;
/// KUBE-SVL- holds the local endpoints of whichever traffic policy is Local.
/// </summary>
internal static class ServiceRulesRenderer
{
    public static ServiceRules Render(ServicePortPlan service, ServiceRenderContext context)
    {
        var shape = ServiceShape.Of(service);
        var name = service.Name.ToString();
        var proto = service.Name.Protocol;
        var match = $"-m {proto} -p {proto}";
        var filter = new List<string>();
        var entry = new List<string>();

        string? internalFilter = null, externalFilter = null;
        if (!shape.HasEndpoints)
        {
            internalFilter = externalFilter = $"-m comment --comment \"{name} has no endpoints\" {{0}} -j REJECT";
        }
        else
        {
            // A Local policy without local endpoints drops that kind of traffic; the other kind may still be served.
            if (!shape.HasInternalEndpoints)
            {
                internalFilter = $"-m comment --comment \"{name} has no local endpoints\" {{0}} -j DROP";
            }

            if (!shape.HasExternalEndpoints)
            {
                externalFilter = $"-m comment --comment \"{name} has no local endpoints\" {{0}} -j DROP";
            }
        }

        var port = service.Port.ToString(CultureInfo.InvariantCulture);
        var clusterIp = $"{match} -d {service.ClusterIp} --dport {port}";
        if (shape.HasInternalEndpoints)
        {
            entry.Add($"-A {IptablesChains.Services} -m comment --comment \"{name} cluster IP\" {clusterIp} -j {shape.InternalChain}");
        }
        else
        {
            filter.Add($"-A {IptablesChains.Services} " + string.Format(CultureInfo.InvariantCulture, internalFilter!, clusterIp));
        }

        foreach (var externalIp in service.ExternalIps)
        {
            var destination = $"{match} -d {externalIp} --dport {port}";
            if (shape.HasEndpoints)
            {
                entry.Add($"-A {IptablesChains.Services} -m comment --comment \"{name} external IP\" {destination} -j {shape.ExternalChain}");
            }

            if (externalFilter is not null)
            {
                filter.Add($"-A {IptablesChains.ExternalServices} " + string.Format(CultureInfo.InvariantCulture, externalFilter, destination));
            }
        }

        foreach (var lbIp in service.LoadBalancerIps.Where(_ => shape.HasEndpoints))
        {
            entry.Add($"-A {IptablesChains.Services} -m comment --comment \"{name} loadbalancer IP\" {match} -d {lbIp} --dport {port} -j {shape.ExternalChain}");
        }

        foreach (var lbIp in service.LoadBalancerIps.Where(_ => externalFilter is not null))
        {
            filter.Add($"-A {IptablesChains.ExternalServices} " + string.Format(CultureInfo.InvariantCulture, externalFilter!, $"{match} -d {lbIp} --dport {port}"));
        }

        if (service.NodePort != 0)
        {
            var nodePort = service.NodePort.ToString(CultureInfo.InvariantCulture);
            if (shape.HasEndpoints)
            {
                entry.Add($"-A {IptablesChains.NodePorts} -m comment --comment {name} {match} --dport {nodePort} -j {shape.ExternalChain}");
            }

            if (externalFilter is not null)
            {
                filter.Add($"-A {IptablesChains.ExternalServices} " + string.Format(CultureInfo.InvariantCulture, externalFilter, $"-m addrtype --dst-type LOCAL {match} --dport {nodePort}"));
            }
        }

        var (chains, rules) = ServiceChainsRenderer.Render(service, shape, context);
        return new ServiceRules(service.Name, filter, entry, chains, rules);
    }
}
