namespace Orchestrator.ControllerManager.Controllers.ServiceLoadBalancer;

/// <summary>
/// Gives Services of type LoadBalancer (without a loadBalancerClass) their status.loadBalancer.ingress
/// without a cloud: the addresses of the ready, schedulable nodes ("nodes", like k3s servicelb), or one
/// address each from a pool (like MetalLB). Pool allocations are rebuilt from the Services' statuses on
/// start, so a restart keeps every address; one is given back when its Service goes or stops being a
/// LoadBalancer. Events as upstream's service controller. Keys are Service keys.
/// </summary>
internal sealed partial class ServiceLoadBalancerController : ReconcilingController
{
    public const string ControllerName = "service-lb-controller";

    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    private readonly IInformer<V1Service> _services;
    private readonly IInformer<V1Node>? _nodes;
    private readonly PoolAllocations? _pool;
    private readonly HashSet<NamespacedName> _waiting = [];
    private readonly Lock _lock = new();

    /// <param name="pool">The address pool; null for the nodes' own addresses.</param>
    // One worker: pool addresses are handed out one at a time.
    public ServiceLoadBalancerController(ControllerContext context, AddressPool? pool = null)
        : base(context, ControllerName, workers: 1)
    {
        _services = Runner.Watch(context.Informers.Services());
        if (pool is null)
        {
            _nodes = Runner.Watch(context.Informers.Nodes(), new ResourceEventHandler<V1Node>(
                onAdd: _ => EnqueueLoadBalancers(),
                onUpdate: (before, after) =>
                {
                    if (LoadBalancerNodes.Changed(before, after))
                    {
                        EnqueueLoadBalancers();
                    }
                },
                onDelete: _ => EnqueueLoadBalancers()));
        }
        else
        {
            _pool = new PoolAllocations(pool);
        }
    }

    public override Task RunAsync(CancellationToken ct) => Runner.RunAsync([SyncAndRebuildAsync], ct);

    public override async Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken ct)
    {
        var service = _services.Cache.Get(key);
        var nodeAddresses = _nodes is null ? [] : LoadBalancerNodes.Addresses(_nodes.Cache.List());
        LoadBalancerPlan plan;
        string? freed = null;
        lock (_lock)
        {
            plan = LoadBalancerPlanner.Plan(service, key, nodeAddresses, _pool);
            if (plan.Release)
            {
                freed = _pool?.Release(key);
            }

            if (plan.Claim is { } claim)
            {
                _pool!.Claim(key, claim);
            }

            if (plan.Failure is null)
            {
                _waiting.Remove(key);
            }
            else
            {
                _waiting.Add(key);
            }
        }

        if (freed is not null)
        {
            Log.Released(Logger, freed, key.Namespace, key.Name);
            EnqueueWaiting();
        }

        if (service is null || plan.Ingress is null)
        {
            return ReconcileResult.Done;
        }

        if (_pool is null && plan.Wanted && plan.Ingress.Count == 0)
        {
            Context.Events.Record(service, EventTypes.Warning, "UnAvailableLoadBalancer", "There are no available nodes for LoadBalancer");
        }

        await ApplyAsync(service, plan, ct);
        if (plan.Failure is not null)
        {
            Context.Events.Record(service, EventTypes.Warning, "SyncLoadBalancerFailed", "Error syncing load balancer: " + plan.Failure);
            return ReconcileResult.After(RetryAfter);
        }

        return ReconcileResult.Done;
    }

    /// <summary>Writes the planned ingress through the status subresource when it differs, with upstream's events.</summary>
    private async Task ApplyAsync(V1Service service, LoadBalancerPlan plan, CancellationToken ct)
    {
        var current = service.Status?.LoadBalancer?.Ingress ?? [];
        var desired = plan.Ingress!;
        if (current.Count == desired.Count && current.Zip(desired).All(p => p.First.Ip == p.Second && p.First.Hostname is null && p.First.IpMode == "VIP"))
        {
            return;
        }

        var ensuring = plan.Wanted && desired.Count > 0;
        if (ensuring)
        {
            Context.Events.Record(service, EventTypes.Normal, current.Count == 0 ? "EnsuringLoadBalancer" : "UpdatedLoadBalancer",
                current.Count == 0 ? "Ensuring load balancer" : "Updated load balancer with new hosts");
        }
        else if (!plan.Wanted && current.Count > 0)
        {
            Context.Events.Record(service, EventTypes.Normal, "DeletingLoadBalancer", "Deleting load balancer");
        }

        var ingress = desired.Count == 0
            ? null
            : new JsonArray([.. desired.Select(ip => (JsonNode)new JsonObject { ["ip"] = ip, ["ipMode"] = "VIP" })]);
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = service.Metadata.ResourceVersion },
            ["status"] = new JsonObject { ["loadBalancer"] = new JsonObject { ["ingress"] = ingress } },
        };
        try
        {
            await Context.Client.CoreV1.PatchNamespacedServiceStatusAsync(
                new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), service.Metadata.Name, service.Metadata.NamespaceProperty, cancellationToken: ct);
        }
        catch (Exception e) when (ApiFailures.IsNotFound(e))
        {
            // Deleted meanwhile: its delete event releases what it held.
            return;
        }

        Log.Wrote(Logger, service.Metadata.NamespaceProperty, service.Metadata.Name, string.Join(",", desired));
        if (ensuring && current.Count == 0)
        {
            Context.Events.Record(service, EventTypes.Normal, "EnsuredLoadBalancer", "Ensured load balancer");
        }
        else if (!plan.Wanted)
        {
            Context.Events.Record(service, EventTypes.Normal, "DeletedLoadBalancer", "Deleted load balancer");
        }
    }

    /// <summary>Waits for the caches, then takes back the pool addresses Services already show, oldest Service first.</summary>
    private async Task SyncAndRebuildAsync(CancellationToken ct)
    {
        await _services.WaitForSyncAsync(ct);
        if (_nodes is not null)
        {
            await _nodes.WaitForSyncAsync(ct);
        }

        if (_pool is null)
        {
            return;
        }

        lock (_lock)
        {
            var owners = _services.Cache.List()
                .Where(LoadBalancerPlanner.Wants)
                .OrderBy(s => s.Metadata.CreationTimestamp)
                .ThenBy(s => s.Metadata.NamespaceProperty, StringComparer.Ordinal)
                .ThenBy(s => s.Metadata.Name, StringComparer.Ordinal);
            foreach (var service in owners)
            {
                if (service.Status?.LoadBalancer?.Ingress?.FirstOrDefault(i => !string.IsNullOrEmpty(i.Ip))?.Ip is { } ip)
                {
                    _pool.Claim(NamespacedName.Of(service), ip);
                }
            }

            Log.Rebuilt(Logger, _pool.Count);
        }
    }

    private void EnqueueLoadBalancers()
    {
        foreach (var service in _services.Cache.List().Where(LoadBalancerPlanner.Wants))
        {
            Runner.Enqueue(service);
        }
    }

    private void EnqueueWaiting()
    {
        NamespacedName[] waiting;
        lock (_lock)
        {
            waiting = [.. _waiting];
        }

        foreach (var key in waiting)
        {
            Runner.Enqueue(key);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Load balancer of {Namespace}/{Name} now at [{Addresses}]")]
        public static partial void Wrote(ILogger logger, string @namespace, string name, string addresses);

        [LoggerMessage(Level = LogLevel.Information, Message = "Released load-balancer address {Address} of {Namespace}/{Name}")]
        public static partial void Released(ILogger logger, string address, string @namespace, string name);

        [LoggerMessage(Level = LogLevel.Information, Message = "Rebuilt {Count} load-balancer address allocations from Service statuses")]
        public static partial void Rebuilt(ILogger logger, int count);
    }
}
