using Orchestrator.Scheduler.Plugins.InterPodAffinity;
using Orchestrator.Scheduler.Plugins.NodeAffinity;
using Orchestrator.Scheduler.Plugins.NodeName;
using Orchestrator.Scheduler.Plugins.NodeOperatingSystem;
using Orchestrator.Scheduler.Plugins.NodePorts;
using Orchestrator.Scheduler.Plugins.NodeResourcesBalancedAllocation;
using Orchestrator.Scheduler.Plugins.NodeResourcesFit;
using Orchestrator.Scheduler.Plugins.NodeUnschedulable;
using Orchestrator.Scheduler.Plugins.PodTopologySpread;
using Orchestrator.Scheduler.Plugins.TaintToleration;

namespace Orchestrator.Scheduler.Framework;

/// <summary>The in-tree plugins by name, in upstream's default filter order, and upstream's default score weights.</summary>
public static class PluginRegistry
{
    private static readonly (string Name, Func<IPlugin> Create)[] Factories =
    [
        (NodeUnschedulable.PluginName, () => new NodeUnschedulable()),
        (NodeName.PluginName, () => new NodeName()),
        (TaintToleration.PluginName, () => new TaintToleration()),
        (NodeAffinity.PluginName, () => new NodeAffinity()),
        (NodeOperatingSystem.PluginName, () => new NodeOperatingSystem()),
        (NodePorts.PluginName, () => new NodePorts()),
        (NodeResourcesFit.PluginName, () => new NodeResourcesFit()),
        (PodTopologySpread.PluginName, () => new PodTopologySpread()),
        (InterPodAffinity.PluginName, () => new InterPodAffinity()),
        (NodeResourcesBalancedAllocation.PluginName, () => new NodeResourcesBalancedAllocation()),
    ];

    /// <summary>Upstream's default score weights (v1 KubeSchedulerConfiguration defaults).</summary>
    public static IReadOnlyDictionary<string, int> DefaultWeights { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        [TaintToleration.PluginName] = 3,
        [NodeAffinity.PluginName] = 2,
        [PodTopologySpread.PluginName] = 2,
        [InterPodAffinity.PluginName] = 2,
        [NodeResourcesFit.PluginName] = 1,
        [NodeResourcesBalancedAllocation.PluginName] = 1,
    };

    public static IReadOnlyList<string> Names => [.. Factories.Select(f => f.Name)];

    /// <summary>Creates the named plugins (all when <paramref name="enabled"/> is null); unknown names fail loudly.</summary>
    public static SchedulerFramework CreateFramework(IReadOnlyCollection<string>? enabled = null, IReadOnlyDictionary<string, int>? weights = null)
    {
        if (enabled is not null)
        {
            var unknown = enabled.Where(n => Factories.All(f => f.Name != n)).ToList();
            if (unknown.Count > 0)
            {
                throw new ArgumentException($"unknown scheduler plugin(s): {string.Join(", ", unknown)}", nameof(enabled));
            }
        }

        var plugins = Factories.Where(f => enabled is null || enabled.Contains(f.Name)).Select(f => f.Create());
        return new SchedulerFramework(plugins, weights ?? DefaultWeights);
    }
}
