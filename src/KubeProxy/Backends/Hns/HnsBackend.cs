namespace Orchestrator.KubeProxy.Backends.Hns;

/// <summary>
/// The <c>hns</c> proxy mode (upstream's winkernel): each sync reads the network, its endpoints and all load
/// balancers from HNS, renders the plan with <see cref="HnsRenderer"/>, creates missing remote endpoints
/// (reference-counted by the load balancers using them, deleted at 0), and per service-port frontend reuses an LB
/// with the same <see cref="HnsLoadBalancerIdentifier"/>, else modifies the one it made before (delete + create
/// when HNS cannot modify), else creates one. LBs no longer wanted are deleted; failed deletions are retried, at
/// most <see cref="StaleDeletesPerSync"/> per sync. Not thread-safe: the proxy host syncs one at a time.
/// </summary>
internal sealed partial class HnsBackend(IHcn hcn, HnsOptions options, ILogger<HnsBackend> logger) : IProxyBackend
{
    /// <summary>winkernel's cap on retried LB deletions per sync.</summary>
    public const int StaleDeletesPerSync = 20;

    private readonly Dictionary<HnsLoadBalancerKey, AppliedLoadBalancer> applied = [];
    private readonly Dictionary<string, RemoteEndpoint> remote = new(StringComparer.Ordinal);
    private readonly List<string> stale = [];
    private string? networkId;
    private bool started;

    public string Mode => "hns";

    /// <summary>Remote endpoints this backend holds, by pod IP, with how many load balancers use each.</summary>
    internal IReadOnlyDictionary<string, RemoteEndpoint> RemoteEndpoints => remote;

    /// <summary>Load balancer GUIDs whose deletion failed and is retried by the next syncs.</summary>
    internal IReadOnlyList<string> StaleLoadBalancers => stale;

    public string Render(ProxyPlan plan)
    {
        var network = ReadNetwork();
        var ids = hcn.ListEndpoints(network.Id).Where(e => e.IpAddress is not null && e.Id is not null)
            .GroupBy(e => e.IpAddress!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Id!, StringComparer.Ordinal);
        var desired = HnsRenderer.Render(plan, network, options);
        return HnsDocuments.Build(desired, network, ip => ids.GetValueOrDefault(ip) ?? HnsDocuments.DeterministicGuid(ip)).ToJson();
    }

    public Task<SyncOutcome> SyncAsync(ProxyPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var calls = new List<string>();
        var network = ReadNetwork();
        if (networkId is not null && networkId != network.Id)
        {
            // The network was re-created: every object made on the old one went with it.
            LogNetworkChanged(logger, network.Name, networkId, network.Id);
            applied.Clear();
            remote.Clear();
            stale.Clear();
        }

        networkId = network.Id;
        var desired = HnsRenderer.Render(plan, network, options);
        var failures = new List<HcnException>();
        var endpointIds = SyncEndpoints(network, desired, calls, failures);
        var loadBalancers = hcn.ListLoadBalancers();
        var byIdentifier = loadBalancers.Where(lb => lb.Id is not null)
            .GroupBy(HnsLoadBalancerIdentifier.Of).ToDictionary(g => g.Key, g => g.First().Id!);
        var existing = loadBalancers.Select(lb => lb.Id).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);

        var next = new Dictionary<HnsLoadBalancerKey, AppliedLoadBalancer>();
        foreach (var spec in desired.LoadBalancers)
        {
            var document = spec.ToDocument(endpointIds.GetValueOrDefault);
            if (document.HostComputeEndpoints is null)
            {
                continue;
            }

            try
            {
                next[spec.Key] = SyncLoadBalancer(spec.Key, document, byIdentifier, existing, calls);
            }
            catch (HcnException error)
            {
                LogLoadBalancerFailed(logger, error, spec.Key.Service.ToString(), spec.Key.Frontend.ToString());
                failures.Add(error);
                if (applied.TryGetValue(spec.Key, out var kept))
                {
                    next[spec.Key] = kept;
                }
            }
        }

        var inUse = next.Values.Select(a => a.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        MarkStale(applied.Values.Select(a => a.Id), inUse);
        if (!started)
        {
            // Start-up: winkernel deletes every load balancer policy; ones an identical LB reuses are kept.
            MarkStale(existing, inUse);
            started = true;
        }

        applied.Clear();
        foreach (var (key, value) in next)
        {
            applied[key] = value;
        }

        DeleteStale(calls);
        ReleaseRemoteEndpoints(desired, calls);
        LogSynced(logger, network.Name, next.Count, remote.Count, stale.Count, clock.Elapsed.TotalMilliseconds);
        if (failures.Count > 0)
        {
            throw new HcnException($"{failures.Count} HNS call(s) failed in this sync; first: {failures[0].Message}", failures[0]);
        }

        return Task.FromResult(new SyncOutcome(true, string.Join('\n', calls), []));
    }

    public Task CleanupAsync(CancellationToken cancellationToken)
    {
        foreach (var loadBalancer in hcn.ListLoadBalancers())
        {
            if (loadBalancer.Id is { } id)
            {
                TryDelete(() => hcn.DeleteLoadBalancer(id));
            }
        }

        if (hcn.GetNetworkByName(options.NetworkName) is { Id: { } network })
        {
            foreach (var endpoint in hcn.ListEndpoints(network).Where(e => e.IsRemote && e.Id is not null))
            {
                TryDelete(() => hcn.DeleteEndpoint(endpoint.Id!));
            }
        }

        applied.Clear();
        remote.Clear();
        stale.Clear();
        return Task.CompletedTask;
    }

    private HnsNetworkInfo ReadNetwork()
    {
        var found = hcn.GetNetworkByName(options.NetworkName)
            ?? throw new HcnException($"HNS network '{options.NetworkName}' not found (--network-name or env {HnsOptions.NetworkEnvironmentVariable})");
        var network = HnsNetworkInfo.FromHcn(found);
        options.Validate(network);
        return network;
    }

    private AppliedLoadBalancer SyncLoadBalancer(
        HnsLoadBalancerKey key, HcnLoadBalancer document, Dictionary<HnsLoadBalancerIdentifier, string> byIdentifier, HashSet<string> existing, List<string> calls)
    {
        var identifier = HnsLoadBalancerIdentifier.Of(document);
        if (byIdentifier.TryGetValue(identifier, out var same))
        {
            return new AppliedLoadBalancer(same, identifier);
        }

        if (applied.TryGetValue(key, out var previous) && existing.Contains(previous.Id))
        {
            try
            {
                var modified = hcn.ModifyLoadBalancer(previous.Id, document);
                calls.Add($"modify loadbalancer {previous.Id} {HcnJson.Serialize(document)}");
                return Remember(new AppliedLoadBalancer(modified.Id ?? previous.Id, identifier), byIdentifier);
            }
            catch (HcnNotImplementedException)
            {
                // This HNS cannot modify (before ModifyLoadbalancer support): delete, then create below.
                calls.Add($"delete loadbalancer {previous.Id}");
                applied.Remove(key);
                if (!TryDelete(() => hcn.DeleteLoadBalancer(previous.Id)))
                {
                    stale.Add(previous.Id);
                }
            }
        }

        var created = hcn.CreateLoadBalancer(document);
        calls.Add($"create loadbalancer {created.Id} {HcnJson.Serialize(document)}");
        return Remember(new AppliedLoadBalancer(created.Id ?? throw new HcnException("HcnCreateLoadBalancer returned no ID"), identifier), byIdentifier);
    }

    private static AppliedLoadBalancer Remember(AppliedLoadBalancer applied, Dictionary<HnsLoadBalancerIdentifier, string> byIdentifier)
    {
        byIdentifier[applied.Identifier] = applied.Id;
        return applied;
    }

    private void MarkStale(IEnumerable<string> ids, HashSet<string> inUse)
    {
        foreach (var id in ids)
        {
            if (!inUse.Contains(id) && !stale.Contains(id, StringComparer.OrdinalIgnoreCase))
            {
                stale.Add(id);
            }
        }
    }

    private void DeleteStale(List<string> calls)
    {
        foreach (var id in stale.Take(StaleDeletesPerSync).ToList())
        {
            calls.Add($"delete loadbalancer {id}");
            if (TryDelete(() => hcn.DeleteLoadBalancer(id)))
            {
                stale.Remove(id);
            }
        }
    }

    /// <summary>One delete, retried once (WS2019 fails the first LB delete at times); gone already counts as done.</summary>
    private bool TryDelete(Action delete)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                delete();
                return true;
            }
            catch (HcnNotFoundException)
            {
                return true;
            }
            catch (HcnException error) when (attempt == 0)
            {
                LogDeleteRetried(logger, error.Message);
            }
            catch (HcnException error)
            {
                LogDeleteFailed(logger, error.Message);
                return false;
            }
        }
    }
}

/// <summary>A load balancer the backend programmed for one frontend, with the identifier it was made with.</summary>
internal sealed record AppliedLoadBalancer(string Id, HnsLoadBalancerIdentifier Identifier);

/// <summary>A remote HNS endpoint and how many of the load balancers of the last sync use it.</summary>
internal sealed record RemoteEndpoint(string Id, int References);
