namespace Orchestrator.ApiServer.Registry.Core.ComponentStatuses;

/// <summary>
/// <c>/api/v1/componentstatuses[/name]</c>, deprecated upstream since 1.19 and kept for <c>kubectl get cs</c>: the
/// scheduler, the controller manager (from their leader Leases, <see cref="ComponentHealth"/>) and etcd-0 (the store
/// answering a read of its current revision), checked on each request. An unknown name is upstream's 500
/// "Component not found".
/// </summary>
internal sealed class ComponentStatusHandler(IStore store, ResourceRegistry registry, TimeProvider time) : IReadOnlyResourceHandler
{
    private static readonly string[] Components = ["scheduler", "controller-manager", "etcd-0"];

    public string Group => "";

    public string Plural => "componentstatuses";

    public async Task<JsonObject> GetAsync(ResourceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Components.Contains(request.Name)
            ? await CheckAsync(request.Name!, cancellationToken)
            : throw new ApiException(500, "", $"Component not found: {request.Name}");
    }

    public async Task<IReadOnlyList<JsonObject>> ListAsync(ResourceRequest request, ObjectFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var statuses = await Task.WhenAll(Components.Select(c => CheckAsync(c, cancellationToken)));
        return [.. statuses.Where(filter.Matches)];
    }

    private async Task<JsonObject> CheckAsync(string component, CancellationToken cancellationToken)
    {
        if (component == "etcd-0")
        {
            try
            {
                await store.GetCurrentRevisionAsync(cancellationToken);
                return ComponentHealth.FromStore(null);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return ComponentHealth.FromStore(e);
            }
        }

        var leases = registry.Find("coordination.k8s.io", "v1", "leases")!;
        var stored = await store.GetAsync(ObjectKeys.Item(leases, "kube-system", ComponentHealth.LeaseName(component)), cancellationToken);
        return ComponentHealth.FromLease(component, stored is null ? null : StoredObject.Decode(stored), time.GetUtcNow());
    }
}
