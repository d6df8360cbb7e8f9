namespace Orchestrator.KubeProxy.Backends.Hns;

internal sealed partial class HnsBackend
{
    /// <summary>
    /// The HNS endpoint GUID of every backend IP: local ones as CNI made them (missing ones are logged and left out),
    /// remote ones found on the network or created now.
    /// </summary>
    private Dictionary<string, string> SyncEndpoints(HnsNetworkInfo network, HnsDesiredState desired, List<string> calls, List<HcnException> failures)
    {
        var onNetwork = hcn.ListEndpoints(network.Id).Where(e => e.IpAddress is not null && e.Id is not null)
            .GroupBy(e => e.IpAddress!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var endpoint in desired.Endpoints)
        {
            if (onNetwork.TryGetValue(endpoint.Ip, out var found))
            {
                ids[endpoint.Ip] = found.Id!;
                if (found.IsRemote && !remote.ContainsKey(endpoint.Ip))
                {
                    remote[endpoint.Ip] = new RemoteEndpoint(found.Id!, 0);
                }

                continue;
            }

            if (endpoint.IsLocal)
            {
                LogLocalEndpointMissing(logger, endpoint.Ip, network.Name);
                continue;
            }

            try
            {
                var created = hcn.CreateEndpoint(network.Id, endpoint.ToRemoteDocument(network.Id));
                var id = created.Id ?? throw new HcnException("HcnCreateEndpoint returned no ID");
                calls.Add($"create endpoint {id} {HcnJson.Serialize(endpoint.ToRemoteDocument(network.Id))}");
                ids[endpoint.Ip] = id;
                remote[endpoint.Ip] = new RemoteEndpoint(id, 0);
            }
            catch (HcnException error)
            {
                LogRemoteEndpointFailed(logger, error, endpoint.Ip);
                failures.Add(error);
            }
        }

        return ids;
    }

    /// <summary>Counts the load balancers using each remote endpoint; the ones no LB uses any more are deleted.</summary>
    private void ReleaseRemoteEndpoints(HnsDesiredState desired, List<string> calls)
    {
        var references = desired.LoadBalancers
            .Where(lb => applied.ContainsKey(lb.Key))
            .SelectMany(lb => lb.BackendIps)
            .CountBy(ip => ip, StringComparer.Ordinal)
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var (ip, endpoint) in remote.ToList())
        {
            var count = references.GetValueOrDefault(ip);
            if (count > 0)
            {
                remote[ip] = endpoint with { References = count };
                continue;
            }

            calls.Add($"delete endpoint {endpoint.Id}");
            if (TryDelete(() => hcn.DeleteEndpoint(endpoint.Id)))
            {
                remote.Remove(ip);
            }
            else
            {
                remote[ip] = endpoint with { References = 0 };
            }
        }
    }
}
