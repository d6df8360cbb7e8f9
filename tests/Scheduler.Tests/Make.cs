using k8s.Models;
using Orchestrator.Scheduler.Framework;

namespace Orchestrator.Scheduler.Tests;

/// <summary>Concise builders for pods and nodes in tests.</summary>
internal static class Make
{
    private static int _uid;

    public static V1Pod Pod(string name = "p", string ns = "default", string? cpu = null, string? memory = null,
        IDictionary<string, string>? labels = null, int? priority = null, string? nodeName = null)
    {
        var requests = new Dictionary<string, ResourceQuantity>();
        if (cpu is not null)
        {
            requests["cpu"] = new ResourceQuantity(cpu);
        }

        if (memory is not null)
        {
            requests["memory"] = new ResourceQuantity(memory);
        }

        return new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Uid = $"uid-{name}-{Interlocked.Increment(ref _uid)}", Labels = labels },
            Spec = new V1PodSpec
            {
                Containers = [new V1Container { Name = "c", Image = "i", Resources = new V1ResourceRequirements { Requests = requests } }],
                Priority = priority,
                NodeName = nodeName,
            },
        };
    }

    public static V1Node Node(string name = "n1", string cpu = "4", string memory = "8Gi", string pods = "110",
        IDictionary<string, string>? labels = null, IList<V1Taint>? taints = null, bool unschedulable = false)
    {
        var allLabels = new Dictionary<string, string> { ["kubernetes.io/hostname"] = name };
        foreach (var (k, v) in labels ?? new Dictionary<string, string>())
        {
            allLabels[k] = v;
        }

        return new V1Node
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = allLabels },
            Spec = new V1NodeSpec { Taints = taints, Unschedulable = unschedulable },
            Status = new V1NodeStatus
            {
                Allocatable = new Dictionary<string, ResourceQuantity>
                {
                    ["cpu"] = new(cpu),
                    ["memory"] = new(memory),
                    ["pods"] = new(pods),
                    ["ephemeral-storage"] = new("100Gi"),
                },
            },
        };
    }

    public static NodeInfo Info(V1Node node, params V1Pod[] pods)
    {
        var info = new NodeInfo(node);
        foreach (var p in pods)
        {
            info.AddPod(new PodInfo(p));
        }

        return info;
    }

    public static Dictionary<string, string> Labels(params string[] kv)
    {
        var d = new Dictionary<string, string>();
        for (var i = 0; i < kv.Length; i += 2)
        {
            d[kv[i]] = kv[i + 1];
        }

        return d;
    }

    /// <summary>Runs PreFilter (when the plugin has one) then Filter, as the framework does.</summary>
    public static Status Filter(IFilterPlugin plugin, V1Pod pod, NodeInfo node, params NodeInfo[] others)
    {
        var state = new CycleState();
        var podInfo = new PodInfo(pod);
        state.SetPodInfo(podInfo);
        if (plugin is IPreFilterPlugin pre)
        {
            var snapshot = Snapshot.From([node, .. others]);
            var s = pre.PreFilter(state, podInfo, snapshot);
            if (!s.IsSuccess)
            {
                return s;
            }
        }

        return plugin.Filter(state, pod, node);
    }
}
