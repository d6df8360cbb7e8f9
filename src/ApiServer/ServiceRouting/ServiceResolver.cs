using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.ServiceRouting;

/// <summary>
/// Resolves a <see cref="ServiceReference"/> to the backend URL the API server dials (upstream's endpoint
/// service resolver): the Service and its EndpointSlices (label <c>kubernetes.io/service-name</c>) are read
/// from the watch caches, never from the store per request; the choice is <see cref="ServiceBackends.Choose"/>.
/// Thread-safe; the randomness is injected for tests.
/// </summary>
internal sealed class ServiceResolver(WatchCacheSet caches, ResourceRegistry registry, Random random)
{
    private const string ServiceNameLabel = "kubernetes.io/service-name";

    private readonly ResourceDefinition _services = registry.Find("", "v1", "services") ?? throw new InvalidOperationException("services are not served");
    private readonly ResourceDefinition _slices = registry.Find("discovery.k8s.io", "v1", "endpointslices") ?? throw new InvalidOperationException("endpointslices are not served");

    /// <summary>
    /// The backend for <paramref name="reference"/>: <c>https://address:port</c> followed by the reference's path.
    /// Waits only until both caches have loaded once (the first call after start-up).
    /// </summary>
    /// <exception cref="Errors.ApiException">503 ServiceUnavailable with upstream's text when there is nothing to dial.</exception>
    public async ValueTask<Uri> ResolveAsync(ServiceReference reference, CancellationToken cancellationToken)
    {
        var services = caches.For(_services);
        var slices = caches.For(_slices);
        await services.WaitReadyAsync(cancellationToken);
        await slices.WaitReadyAsync(cancellationToken);
        var service = services.TryGet(ObjectKeys.Item(_services, reference.Namespace, reference.Name))?.Object;
        var owned = service is null ? [] : SlicesOf(slices, reference);
        var backend = ServiceBackends.Choose(reference, service, owned, random);
        return reference.Path.Length == 0 ? backend : new Uri(backend, reference.Path);
    }

    private List<JsonObject> SlicesOf(ResourceWatchCache slices, ServiceReference reference)
    {
        var (items, _) = slices.List(ObjectKeys.ListPrefix(_slices, reference.Namespace));
        return [.. items.Select(i => i.Object).Where(s => s.StringOrNull("metadata", "labels", ServiceNameLabel) == reference.Name)];
    }
}
