namespace Orchestrator.ApiServer.Aggregation;

/// <summary>
/// The group and version priorities of the built-in group/versions (kube-apiserver's APIService priority table, which
/// decides their order in discovery): a group/version missing here gets no local APIService, as upstream skips it so a
/// CRD group can never be stuck in the APIService list.
/// </summary>
internal static class LocalApiServicePriorities
{
    private static readonly Dictionary<(string Group, string Version), (int Group, int Version)> Table = new()
    {
        [("", "v1")] = (18000, 1),
        [("apps", "v1")] = (17800, 15),
        [("events.k8s.io", "v1")] = (17750, 15),
        [("authentication.k8s.io", "v1")] = (17700, 15),
        [("authorization.k8s.io", "v1")] = (17600, 15),
        [("autoscaling", "v1")] = (17500, 15),
        [("autoscaling", "v2")] = (17500, 30),
        [("batch", "v1")] = (17400, 15),
        [("certificates.k8s.io", "v1")] = (17300, 15),
        [("networking.k8s.io", "v1")] = (17200, 15),
        [("policy", "v1")] = (17100, 15),
        [("rbac.authorization.k8s.io", "v1")] = (17000, 15),
        [("storage.k8s.io", "v1")] = (16800, 15),
        [("apiextensions.k8s.io", "v1")] = (16700, 15),
        [("admissionregistration.k8s.io", "v1")] = (16700, 15),
        [("scheduling.k8s.io", "v1")] = (16600, 15),
        [("coordination.k8s.io", "v1")] = (16500, 15),
        [("node.k8s.io", "v1")] = (16300, 15),
        [("discovery.k8s.io", "v1")] = (16200, 15),
        [("flowcontrol.apiserver.k8s.io", "v1")] = (16100, 21),

        // Served here instead of by a metrics-server behind an APIService: the priorities of metrics-server's APIService.
        [("metrics.k8s.io", "v1beta1")] = (100, 100),
    };

    /// <summary>The (group, version) priorities of a built-in group/version, or null when it has no local APIService.</summary>
    public static (int Group, int Version)? For(string group, string version) =>
        Table.TryGetValue((group, version), out var priority) ? priority : null;
}
