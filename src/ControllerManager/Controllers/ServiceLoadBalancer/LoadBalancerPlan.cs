namespace Orchestrator.ControllerManager.Controllers.ServiceLoadBalancer;

/// <summary>What one Service's load balancer should become.</summary>
/// <param name="Wanted">The Service wants a load balancer from this controller (type LoadBalancer, no class).</param>
/// <param name="Ingress">The addresses status.loadBalancer.ingress should list, in order; null: leave the status alone (someone else's Service).</param>
/// <param name="Claim">A pool address to take for the Service (giving back what it held), or null.</param>
/// <param name="Release">Give back the pool address the Service holds.</param>
/// <param name="Failure">Why the Service gets no address (a SyncLoadBalancerFailed event), or null.</param>
internal sealed record LoadBalancerPlan(bool Wanted, IReadOnlyList<string>? Ingress, string? Claim = null, bool Release = false, string? Failure = null)
{
    /// <summary>Not this controller's business: nothing to write, anything held is given back.</summary>
    public static LoadBalancerPlan Ignore { get; } = new(Wanted: false, Ingress: null, Release: true);
}
