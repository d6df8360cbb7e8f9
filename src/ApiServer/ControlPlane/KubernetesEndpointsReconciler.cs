namespace Orchestrator.ApiServer.ControlPlane;

/// <summary>
/// Keeps Endpoints and EndpointSlice default/kubernetes pointing at this API server's advertise address
/// and bound port (upstream's endpoint reconciler, single-server): once when the server starts, then every
/// <see cref="ApiServerOptions.EndpointReconcileInterval"/>, so a deleted or edited object comes back.
/// Writes through the store like the bootstrap objects, and only when an owned field differs.
/// </summary>
internal sealed partial class KubernetesEndpointsReconciler(
    IStore store,
    ResourceRegistry registry,
    RegistryRules rules,
    ApiServerOptions options,
    TimeProvider time,
    ILogger<KubernetesEndpointsReconciler> logger) : BackgroundService
{
    private readonly TaskCompletionSource<int> _port = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The address the objects point at.</summary>
    public IPAddress Address { get; } = AdvertiseAddress.Choose(options.AdvertiseAddress, options.BindAddress, AdvertiseAddress.DefaultRouteAddress);

    /// <summary>Writes the objects for the bound <paramref name="port"/>, then starts the periodic repair. Call once.</summary>
    public async Task ActivateAsync(int port, CancellationToken cancellationToken)
    {
        await ReconcileAsync(port, cancellationToken);
        _port.TrySetResult(port);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var port = await _port.Task.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.EndpointReconcileInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ReconcileAsync(port, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next tick tries again; the server keeps serving meanwhile.
                Log.Failed(logger, e);
            }
        }
    }

    private async Task ReconcileAsync(int port, CancellationToken cancellationToken)
    {
        await EnsureAsync(registry.Find("", "v1", "endpoints")!, KubernetesServiceEndpoints.Endpoints(Address, port), KubernetesServiceEndpoints.EndpointsFields, cancellationToken);
        await EnsureAsync(registry.Find("discovery.k8s.io", "v1", "endpointslices")!, KubernetesServiceEndpoints.EndpointSlice(Address, port), KubernetesServiceEndpoints.SliceFields, cancellationToken);
    }

    private async Task EnsureAsync(ResourceDefinition resource, JsonObject desired, string[] fields, CancellationToken cancellationToken)
    {
        const string ns = KubernetesServiceEndpoints.Namespace;
        const string name = KubernetesServiceEndpoints.Name;
        var key = ObjectKeys.Item(resource, ns, name);
        var current = await store.GetAsync(key, cancellationToken);
        if (current is null)
        {
            desired["kind"] = resource.Kind;
            desired["apiVersion"] = resource.ApiVersion;
            rules.PrepareCreate(resource, desired, ns);
            try
            {
                await store.CreateAsync(key, StoredObject.Encode(desired), null, cancellationToken);
                Log.Wrote(logger, resource.Kind, Address.ToString(), PortOf(desired));
            }
            catch (StoreKeyExistsException)
            {
                // Created meanwhile by someone else: compared on the next tick.
            }

            return;
        }

        if (!KubernetesServiceEndpoints.Differs(StoredObject.Decode(current), desired, fields))
        {
            return;
        }

        await GuaranteedUpdate.RunAsync(store, resource, ns, name, null, dryRun: false, stored =>
        {
            var updated = stored.DeepClone().AsObject();
            KubernetesServiceEndpoints.CopyFields(desired, updated, fields);
            rules.PrepareUpdate(resource, stored, updated, null);
            return UpdateDecision.Write(updated);
        }, cancellationToken);
        Log.Wrote(logger, resource.Kind, Address.ToString(), PortOf(desired));
    }

    private static long PortOf(JsonObject desired) =>
        (desired["ports"] ?? desired["subsets"]?[0]?["ports"])?[0]?["port"]?.GetValue<int>() ?? 0;

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Reset {Kind} default/kubernetes to {Address}:{Port}")]
        public static partial void Wrote(ILogger logger, string kind, string address, long port);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reconcile the kubernetes Service's endpoints")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
