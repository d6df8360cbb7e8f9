using Orchestrator.ControllerManager.Controllers.Endpoints;

namespace Orchestrator.ControllerManager.Controllers.EndpointSlice;

/// <summary>
/// Keeps the EndpointSlices of every Service with a selector in step with its pods; the slices carry
/// the service-name and managed-by labels and are owned by the Service. Keys are Service keys.
/// </summary>
internal sealed class EndpointSliceController : ReconcilingController
{
    private readonly IInformer<V1Service> _services;
    private readonly IInformer<V1Pod> _pods;
    private readonly IInformer<V1EndpointSlice> _slices;

    // Slices this controller created (true) or deleted (false) that its cache has not shown yet: until
    // it does, planning from the cache would create them twice (upstream's endpointSliceTracker).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<NamespacedName, Dictionary<string, bool>> _unobserved = new();

    public EndpointSliceController(ControllerContext context)
        : base(context, "endpointslice")
    {
        _services = Runner.Watch(context.Informers.Services());
        _pods = Runner.Watch(context.Informers.Pods(), ServicePodEvents.Handler(_services, Runner.Enqueue));
        _slices = Runner.Watch(context.Informers.EndpointSlices(), ResourceEventHandler<V1EndpointSlice>.ForEach(OnSlice));
    }

    public override async Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken ct)
    {
        var service = _services.Cache.Get(key);
        var existing = _slices.Cache.ListNamespace(key.Namespace).Where(s => IsOurs(s) && s.Metadata.Labels[EndpointSlicePlanner.ServiceNameLabel] == key.Name).ToList();
        if (service is not null && !ServicePods.IsManaged(service))
        {
            return ReconcileResult.Done;
        }

        if (_unobserved.TryGetValue(key, out var writes))
        {
            var names = existing.Select(s => s.Metadata.Name).ToHashSet(StringComparer.Ordinal);
            if (writes.Any(w => names.Contains(w.Key) != w.Value))
            {
                return new ReconcileResult(TimeSpan.FromMilliseconds(100));
            }

            _unobserved.TryRemove(key, out _);
        }

        var expected = new Dictionary<string, bool>(StringComparer.Ordinal);
        var desired = service is null ? [] : EndpointSlicePlanner.Desired(service, _pods.Cache.ListNamespace(key.Namespace));
        var changes = EndpointSlicePlanner.Reconcile(existing, desired);
        foreach (var content in changes.Create)
        {
            var created = await Context.Client.DiscoveryV1.CreateNamespacedEndpointSliceAsync(NewSlice(service!, content), key.Namespace, cancellationToken: ct);
            expected[created.Metadata.Name] = true;
            _unobserved[key] = expected;
        }

        foreach (var (target, content) in changes.Update)
        {
            var updated = ObjectCopy.Deep(target);
            updated.Endpoints = content.Endpoints;
            updated.Ports = content.Ports;
            updated.Metadata.Labels = Labels(service!);
            await Context.Client.DiscoveryV1.ReplaceNamespacedEndpointSliceAsync(updated, target.Metadata.Name, key.Namespace, cancellationToken: ct);
        }

        foreach (var slice in changes.Delete)
        {
            try
            {
                await Context.Client.DiscoveryV1.DeleteNamespacedEndpointSliceAsync(slice.Metadata.Name, key.Namespace, cancellationToken: ct);
                expected[slice.Metadata.Name] = false;
                _unobserved[key] = expected;
            }
            catch (Exception e) when (ApiFailures.IsNotFound(e))
            {
                // Already gone.
            }
        }

        return ReconcileResult.Done;
    }

    private static V1EndpointSlice NewSlice(V1Service service, DesiredSlice content) => new()
    {
        ApiVersion = "discovery.k8s.io/v1",
        Kind = "EndpointSlice",
        Metadata = new V1ObjectMeta
        {
            GenerateName = service.Metadata.Name + "-",
            NamespaceProperty = service.Metadata.NamespaceProperty,
            Labels = Labels(service),
            OwnerReferences =
            [
                new V1OwnerReference { ApiVersion = "v1", Kind = "Service", Name = service.Metadata.Name, Uid = service.Metadata.Uid, Controller = true, BlockOwnerDeletion = true },
            ],
        },
        AddressType = "IPv4",
        Endpoints = content.Endpoints,
        Ports = content.Ports,
    };

    private static IDictionary<string, string> Labels(V1Service service)
    {
        var labels = ServicePods.Labels(service);
        labels[EndpointSlicePlanner.ServiceNameLabel] = service.Metadata.Name;
        labels[EndpointSlicePlanner.ManagedByLabel] = EndpointSlicePlanner.ControllerName;
        return labels;
    }

    private static bool IsOurs(V1EndpointSlice slice) =>
        slice.Metadata.Labels is { } labels
        && labels.TryGetValue(EndpointSlicePlanner.ManagedByLabel, out var by) && by == EndpointSlicePlanner.ControllerName
        && labels.ContainsKey(EndpointSlicePlanner.ServiceNameLabel);

    private void OnSlice(V1EndpointSlice slice)
    {
        if (IsOurs(slice))
        {
            Runner.Enqueue(new NamespacedName(slice.Metadata.NamespaceProperty ?? "", slice.Metadata.Labels[EndpointSlicePlanner.ServiceNameLabel]));
        }
    }
}
