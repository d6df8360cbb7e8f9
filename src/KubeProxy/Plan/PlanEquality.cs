namespace Orchestrator.KubeProxy.Plan;

/// <summary>
/// Structural equality of plan parts (the records hold lists, whose record equality is by reference): what an
/// incremental sync uses to find the Service ports that changed without rendering the unchanged ones.
/// </summary>
public static class PlanEquality
{
    public static bool SamePort(ServicePortPlan a, ServicePortPlan b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Name == b.Name && a.ClusterIp == b.ClusterIp && a.Port == b.Port && a.NodePort == b.NodePort &&
            a.ExternalPolicyLocal == b.ExternalPolicyLocal && a.InternalPolicyLocal == b.InternalPolicyLocal &&
            a.AffinityTimeoutSeconds == b.AffinityTimeoutSeconds &&
            a.ExternalIps.SequenceEqual(b.ExternalIps, StringComparer.Ordinal) &&
            a.LoadBalancerIps.SequenceEqual(b.LoadBalancerIps, StringComparer.Ordinal) &&
            a.ClusterEndpoints.SequenceEqual(b.ClusterEndpoints) && a.LocalEndpoints.SequenceEqual(b.LocalEndpoints);
    }

    public static bool SameNode(ProxyNode a, ProxyNode b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Name == b.Name && a.ClusterCidr == b.ClusterCidr && a.MasqueradeBit == b.MasqueradeBit &&
            a.NodeIps.SequenceEqual(b.NodeIps, StringComparer.Ordinal);
    }
}
