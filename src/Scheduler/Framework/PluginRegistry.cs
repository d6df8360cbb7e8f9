using Orchestrator.Scheduler.Plugins.ImagePlatform;
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
using Orchestrator.Scheduler.Plugins.VolumeBinding;

namespace Orchestrator.Scheduler.Framework;

/// <summary>The in-tree plugins by name, in upstream's default filter order, and upstream's default score weights.</summary>
public static class PluginRegistry
{
    private static readonly (string Name, Func<PluginDependencies, IPlugin> Create)[] Factories =
    [
        (NodeUnschedulable.PluginName, _ => new NodeUnschedulable()),
        (NodeName.PluginName, _ => new NodeName()),
        (TaintToleration.PluginName, _ => new TaintToleration()),
        (NodeAffinity.PluginName, _ => new NodeAffinity()),
        (NodeOperatingSystem.PluginName, _ => new NodeOperatingSystem()),
        (ImagePlatform.PluginName, d => new ImagePlatform(d.Images)),
        (NodePorts.PluginName, _ => new NodePorts()),
        (NodeResourcesFit.PluginName, _ => new NodeResourcesFit()),
        (VolumeBinding.PluginName, d => new VolumeBinding(d.Volumes)),
        (PodTopologySpread.PluginName, _ => new PodTopologySpread()),
        (InterPodAffinity.PluginName, _ => new InterPodAffinity()),
        (NodeResourcesBalancedAllocation.PluginName, _ => new NodeResourcesBalancedAllocation()),
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
    /// <param name="enabled">The plugins to run; null for all.</param>
    /// <param name="weights">Score weights; null for upstream's.</param>
    /// <param name="volumes">What VolumeBinding reads and writes; without it no claim exists, so pods with claims are unschedulable.</param>
    /// <param name="images">Where ImagePlatform reads image platforms; without it the plugin has no opinion on any pod.</param>
    public static SchedulerFramework CreateFramework(
        IReadOnlyCollection<string>? enabled = null, IReadOnlyDictionary<string, int>? weights = null, IVolumeBindingSource? volumes = null,
        ImagePlatformCache? images = null)
    {
        if (enabled is not null)
        {
            var unknown = enabled.Where(n => Factories.All(f => f.Name != n)).ToList();
            if (unknown.Count > 0)
            {
                throw new ArgumentException($"unknown scheduler plugin(s): {string.Join(", ", unknown)}", nameof(enabled));
            }
        }

        var dependencies = new PluginDependencies(volumes ?? NoVolumes.Instance, images);
        var plugins = Factories.Where(f => enabled is null || enabled.Contains(f.Name)).Select(f => f.Create(dependencies));
        return new SchedulerFramework(plugins, weights ?? DefaultWeights);
    }
}
