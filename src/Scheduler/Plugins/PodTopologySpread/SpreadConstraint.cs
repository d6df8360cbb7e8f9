using Orchestrator.ApiMachinery.Scheduling;
using Orchestrator.ApiMachinery.Labels;

namespace Orchestrator.Scheduler.Plugins.PodTopologySpread;

/// <summary>A pre-processed topology spread constraint.</summary>
internal sealed class SpreadConstraint
{
    public SpreadConstraint(V1TopologySpreadConstraint c, V1Pod pod)
    {
        MaxSkew = c.MaxSkew;
        TopologyKey = c.TopologyKey;
        Selector = LabelSelector.From(c.LabelSelector, c.MatchLabelKeys, pod.Metadata.Labels);
        MinDomains = c.MinDomains ?? 1;
        HonorNodeAffinity = c.NodeAffinityPolicy is null or "Honor";
        HonorNodeTaints = c.NodeTaintsPolicy == "Honor";
    }

    public int MaxSkew { get; }

    public string TopologyKey { get; }

    public LabelSelector Selector { get; }

    public int MinDomains { get; }

    public bool HonorNodeAffinity { get; }

    public bool HonorNodeTaints { get; }

    public static SpreadConstraint[] For(V1Pod pod, string whenUnsatisfiable) =>
        pod.Spec?.TopologySpreadConstraints is { Count: > 0 } list
            ? [.. list.Where(c => c.WhenUnsatisfiable == whenUnsatisfiable).Select(c => new SpreadConstraint(c, pod))]
            : [];

    /// <summary>Whether pods on <paramref name="node"/> count toward this constraint's domains (node policies).</summary>
    public bool NodeCounts(V1Pod pod, NodeInfo node)
    {
        if (node.Node is null)
        {
            return false;
        }

        if (HonorNodeAffinity && !NodeAffinity.NodeAffinity.Matches(pod, node.Node))
        {
            return false;
        }

        return !HonorNodeTaints
            || Tolerations.FindUntolerated(node.Node.Spec?.Taints, pod.Spec?.Tolerations, t => t.Effect is "NoSchedule" or "NoExecute") is null;
    }

    /// <summary>Pods on the node in the pod's namespace, not terminating, selected by this constraint.</summary>
    public int CountMatching(NodeInfo node, string ns)
    {
        var count = 0;
        foreach (var p in node.Pods)
        {
            if (!p.IsTerminating && p.Pod.Metadata.NamespaceProperty == ns && Selector.Matches(p.Pod.Metadata.Labels))
            {
                count++;
            }
        }

        return count;
    }
}
