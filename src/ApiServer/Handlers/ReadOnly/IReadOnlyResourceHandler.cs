namespace Orchestrator.ApiServer.Handlers.ReadOnly;

/// <summary>
/// A read-only kind computed on request, never stored (metrics.k8s.io's NodeMetrics and PodMetrics): registered with
/// <see cref="Registry.ResourceDefinition.Stored"/> false and verbs ["get", "list"]. <see cref="ResourceHandler"/>
/// answers get and list with what this returns (objects in full, type meta included; tables from the kind's printer)
/// and every other verb, watch included, with 405. Called concurrently; implementations keep no per-request state.
/// </summary>
internal interface IReadOnlyResourceHandler
{
    /// <summary>The API group of the kind served, e.g. <c>metrics.k8s.io</c>.</summary>
    string Group { get; }

    /// <summary>The resource's plural, e.g. <c>pods</c>.</summary>
    string Plural { get; }

    /// <summary>The object named by <paramref name="request"/>; an <see cref="Errors.ApiException"/> (404 …) when there is none.</summary>
    Task<JsonObject> GetAsync(ResourceRequest request, CancellationToken cancellationToken);

    /// <summary>The objects in the request's namespace (all namespaces when it has none) whose source object <paramref name="filter"/> matches, in list order.</summary>
    Task<IReadOnlyList<JsonObject>> ListAsync(ResourceRequest request, ObjectFilter filter, CancellationToken cancellationToken);
}
