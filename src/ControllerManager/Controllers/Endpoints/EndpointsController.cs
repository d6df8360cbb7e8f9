namespace Orchestrator.ControllerManager.Controllers.Endpoints;

/// <summary>Keeps the Endpoints of every Service with a selector in step with the pods it selects. Keys are Service keys.</summary>
internal sealed class EndpointsController : ReconcilingController
{
    private readonly IInformer<V1Service> _services;
    private readonly IInformer<V1Pod> _pods;
    private readonly IInformer<V1Endpoints> _endpoints;

    public EndpointsController(ControllerContext context)
        : base(context, "endpoint")
    {
        _services = Runner.Watch(context.Informers.Services());
        _pods = Runner.Watch(context.Informers.Pods(), ServicePodEvents.Handler(_services, Runner.Enqueue));
        _endpoints = Runner.Watch(context.Informers.Endpoints(), new ResourceEventHandler<V1Endpoints>(onDelete: e => Runner.Enqueue(e)));
    }

    public override async Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken ct)
    {
        var service = _services.Cache.Get(key);
        if (service is null)
        {
            await DeleteAsync(key, ct);
            return ReconcileResult.Done;
        }

        if (!ServicePods.IsManaged(service))
        {
            return ReconcileResult.Done;
        }

        var subsets = EndpointsPlanner.Subsets(service, _pods.Cache.ListNamespace(key.Namespace));
        var labels = ServicePods.Labels(service);
        var existing = _endpoints.Cache.Get(key);
        if (existing is null)
        {
            var created = new V1Endpoints
            {
                ApiVersion = "v1",
                Kind = "Endpoints",
                Metadata = new V1ObjectMeta { Name = key.Name, NamespaceProperty = key.Namespace, Labels = labels },
                Subsets = subsets,
            };
            await Context.Client.CoreV1.CreateNamespacedEndpointsAsync(created, key.Namespace, cancellationToken: ct);
            return ReconcileResult.Done;
        }

        if (Same(existing.Subsets, subsets) && Same(existing.Metadata.Labels, labels))
        {
            return ReconcileResult.Done;
        }

        var updated = ObjectCopy.Deep(existing);
        updated.Subsets = subsets;
        updated.Metadata.Labels = labels;
        await Context.Client.CoreV1.ReplaceNamespacedEndpointsAsync(updated, key.Name, key.Namespace, cancellationToken: ct);
        return ReconcileResult.Done;
    }

    private async Task DeleteAsync(NamespacedName key, CancellationToken ct)
    {
        if (_endpoints.Cache.Get(key) is null)
        {
            return;
        }

        try
        {
            await Context.Client.CoreV1.DeleteNamespacedEndpointsAsync(key.Name, key.Namespace, cancellationToken: ct);
        }
        catch (Exception e) when (ApiFailures.IsNotFound(e))
        {
            // Already gone.
        }
    }

    private static bool Same<T>(T? a, T? b) =>
        KubernetesJson.Serialize(new[] { Normalize(a) }) == KubernetesJson.Serialize(new[] { Normalize(b) });

    private static object? Normalize<T>(T? value) => value switch
    {
        System.Collections.ICollection { Count: 0 } => null,
        IDictionary<string, string> d => new SortedDictionary<string, string>(d, StringComparer.Ordinal),
        _ => value,
    };
}
