namespace Orchestrator.ApiServer.Admission.NodeRestriction;

/// <summary>
/// Which labels a kubelet may set on its own Node (upstream's NodeRestriction getForbiddenLabels with
/// kubelet/pkg/apis IsKubeletLabel): none under <c>node-restriction.kubernetes.io/</c>, and of the
/// <c>kubernetes.io</c> and <c>k8s.io</c> namespaces only the well-known kubelet labels and those
/// under <c>kubelet.kubernetes.io/</c> and <c>node.kubernetes.io/</c>. Pure.
/// </summary>
internal static class NodeLabels
{
    private static readonly HashSet<string> KubeletLabels =
    [
        "kubernetes.io/hostname",
        "topology.kubernetes.io/zone",
        "topology.kubernetes.io/region",
        "failure-domain.beta.kubernetes.io/zone",
        "failure-domain.beta.kubernetes.io/region",
        "beta.kubernetes.io/instance-type",
        "node.kubernetes.io/instance-type",
        "kubernetes.io/os",
        "kubernetes.io/arch",
        "beta.kubernetes.io/os",
        "beta.kubernetes.io/arch",
    ];

    private static readonly string[] KubeletNamespaces = ["kubelet.kubernetes.io", "node.kubernetes.io"];

    /// <summary>The keys whose value differs between <paramref name="labels"/> and <paramref name="old"/> (added, removed or changed).</summary>
    public static SortedSet<string> Modified(IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> old)
    {
        var modified = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in labels)
        {
            if (!old.TryGetValue(key, out var before) || before != value)
            {
                modified.Add(key);
            }
        }

        foreach (var key in old.Keys)
        {
            if (!labels.ContainsKey(key))
            {
                modified.Add(key);
            }
        }

        return modified;
    }

    /// <summary>The keys of <paramref name="modified"/> a kubelet may not add, remove or change, in order.</summary>
    public static IReadOnlyList<string> Forbidden(IEnumerable<string> modified) =>
        [.. modified.Where(key => IsRestricted(Namespace(key)) || (IsKubernetes(Namespace(key)) && !IsKubeletLabel(key))).Order(StringComparer.Ordinal)];

    public static bool IsKubeletLabel(string key) =>
        KubeletLabels.Contains(key) || KubeletNamespaces.Any(allowed => InNamespace(Namespace(key), allowed));

    private static bool IsRestricted(string ns) => InNamespace(ns, "node-restriction.kubernetes.io");

    private static bool IsKubernetes(string ns) => InNamespace(ns, "kubernetes.io") || InNamespace(ns, "k8s.io");

    private static bool InNamespace(string ns, string suffix) =>
        ns == suffix || ns.EndsWith("." + suffix, StringComparison.Ordinal);

    private static string Namespace(string key) => key.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0 ? key[..slash] : "";
}
