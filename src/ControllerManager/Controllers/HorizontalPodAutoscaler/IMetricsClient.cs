namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>
/// Where the HPA controller reads resource usage (upstream's metrics.MetricsClient, resource metrics only).
/// The real one reads metrics.k8s.io/v1beta1 PodMetrics through the API server (<see cref="RestMetricsClient"/>);
/// tests feed values. Called once per Resource or ContainerResource metric per sync, from the controller's workers
/// (possibly concurrently for different autoscalers), so implementations must be thread-safe.
/// </summary>
internal interface IMetricsClient
{
    /// <summary>The usage of <paramref name="resource"/> by the pods of <paramref name="ns"/> matching <paramref name="selector"/>.</summary>
    /// <param name="resource">A resource name: "cpu", "memory".</param>
    /// <param name="ns">The autoscaler's namespace.</param>
    /// <param name="selector">The scale target's pod selector, in the query-string syntax.</param>
    /// <param name="container">Only this container's usage (ContainerResource metrics); null for the whole pod.</param>
    /// <returns>Only pods with a complete sample; a pod without one is absent (the calculator treats it as missing).</returns>
    /// <exception cref="MetricsUnavailableException">The API failed or returned no pod at all, with upstream's message.</exception>
    Task<PodResourceMetrics> GetResourceMetricAsync(string resource, string ns, string selector, string? container, CancellationToken ct);
}
