namespace Orchestrator.ControllerManager.Controllers.ServiceLoadBalancer;

/// <summary>
/// The nodes that carry load-balancer traffic in "nodes" mode (k3s servicelb's behaviour, with upstream's
/// service controller's node predicate) and the address each offers.
/// </summary>
internal static class LoadBalancerNodes
{
    public const string ExcludeLabel = "node.kubernetes.io/exclude-from-external-load-balancers";
    public const string ToBeDeletedTaint = "ToBeDeletedByClusterAutoscaler";

    /// <summary>Ready, schedulable, not excluded by label and not being removed by the cluster autoscaler.</summary>
    public static bool Eligible(V1Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Spec?.Unschedulable != true
            && node.Metadata.Labels?.ContainsKey(ExcludeLabel) != true
            && node.Spec?.Taints?.Any(t => t.Key == ToBeDeletedTaint) != true
            && ReadyStatus(node) == "True";
    }

    /// <summary>The node's ExternalIP when it has one, else its InternalIP; null when it has neither.</summary>
    public static string? Address(V1Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var addresses = node.Status?.Addresses ?? [];
        return addresses.FirstOrDefault(a => a.Type == "ExternalIP" && !string.IsNullOrEmpty(a.Address))?.Address
            ?? addresses.FirstOrDefault(a => a.Type == "InternalIP" && !string.IsNullOrEmpty(a.Address))?.Address;
    }

    /// <summary>The addresses of the eligible nodes, distinct and sorted (ordinal), as servicelb publishes them.</summary>
    public static IReadOnlyList<string> Addresses(IEnumerable<V1Node> nodes) =>
        [.. nodes.Where(Eligible).Select(Address).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Whether a node update can change <see cref="Addresses"/>.</summary>
    public static bool Changed(V1Node before, V1Node after) =>
        Eligible(before) != Eligible(after) || Address(before) != Address(after);

    private static string? ReadyStatus(V1Node node) => node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status;
}
