namespace Orchestrator.ControllerManager.Controllers.ServiceLoadBalancer;

/// <summary>
/// Decides the load balancer of one Service without a cloud (upstream's service controller with k3s
/// servicelb's "nodes" addresses or a MetalLB-like address pool). Pure: the pool state is read, never changed.
/// </summary>
internal static class LoadBalancerPlanner
{
    public const string LoadBalancerType = "LoadBalancer";

    /// <summary>Type LoadBalancer without spec.loadBalancerClass (a class names someone else's controller).</summary>
    public static bool Wants(V1Service service) =>
        service?.Spec?.Type == LoadBalancerType && string.IsNullOrEmpty(service.Spec.LoadBalancerClass);

    /// <param name="service">The Service, null when it is deleted.</param>
    /// <param name="key">The Service's key.</param>
    /// <param name="nodeAddresses">The eligible nodes' addresses ("nodes" mode; ignored with a pool).</param>
    /// <param name="pool">The address pool and who holds what; null in "nodes" mode.</param>
    public static LoadBalancerPlan Plan(V1Service? service, NamespacedName key, IReadOnlyList<string> nodeAddresses, PoolAllocations? pool)
    {
        ArgumentNullException.ThrowIfNull(nodeAddresses);
        if (service is null || !string.IsNullOrEmpty(service.Spec?.LoadBalancerClass))
        {
            return LoadBalancerPlan.Ignore;
        }

        if (!Wants(service))
        {
            // No longer a LoadBalancer: its addresses go.
            return new LoadBalancerPlan(Wanted: false, Ingress: [], Release: true);
        }

        return pool is null ? new LoadBalancerPlan(Wanted: true, nodeAddresses) : FromPool(service, key, pool);
    }

    private static LoadBalancerPlan FromPool(V1Service service, NamespacedName key, PoolAllocations pool)
    {
        var held = pool.HeldBy(key);
        var requested = service.Spec.LoadBalancerIP;
        if (!string.IsNullOrEmpty(requested))
        {
            if (!pool.Pool.Contains(requested))
            {
                return Failed($"requested loadBalancerIP {requested} is not in the load-balancer address pool", held);
            }

            if (pool.HolderOf(requested) is { } holder && holder != key)
            {
                return Failed(string.Create(CultureInfo.InvariantCulture, $"requested loadBalancerIP {requested} is already allocated to {holder.Namespace}/{holder.Name}"), held);
            }

            return new LoadBalancerPlan(Wanted: true, [requested], Claim: held == requested ? null : requested);
        }

        if (held is not null)
        {
            return new LoadBalancerPlan(Wanted: true, [held]);
        }

        return pool.FirstFree() is { } free
            ? new LoadBalancerPlan(Wanted: true, [free], Claim: free)
            : Failed("no free address left in the load-balancer address pool", held: null);
    }

    private static LoadBalancerPlan Failed(string reason, string? held) =>
        new(Wanted: true, Ingress: [], Release: held is not null, Failure: reason);
}
