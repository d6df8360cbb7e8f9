using k8s.Models;
using Orchestrator.Host.Explain;

namespace Orchestrator.Orchestrator.Tests.Explain;

/// <summary>Crafted pods, nodes and events for the analyses.</summary>
internal static class ExplainObjects
{
    public static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    public static V1Pod Pod(string name = "web", string? node = null, string phase = "Pending", string? cpu = null, string? memory = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", Uid = "uid-" + name },
        Spec = new V1PodSpec
        {
            NodeName = node,
            Containers = [new V1Container
            {
                Name = "app",
                Image = "registry.local/app:1",
                Resources = new V1ResourceRequirements { Requests = Requests(cpu, memory) },
            }],
        },
        Status = new V1PodStatus { Phase = phase },
    };

    public static V1Node Node(string name, string cpu = "4", string memory = "8Gi", IDictionary<string, string>? labels = null, params V1Taint[] taints) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = labels ?? new Dictionary<string, string>() },
        Spec = new V1NodeSpec { Taints = taints },
        Status = new V1NodeStatus
        {
            Allocatable = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu), ["memory"] = new(memory), ["pods"] = new("110") },
            Conditions = [new V1NodeCondition { Type = "Ready", Status = "True" }],
        },
    };

    public static Corev1Event Event(string reason, string message, int secondsAgo = 10, int count = 1) => new()
    {
        Metadata = new V1ObjectMeta { Name = "e-" + reason },
        Reason = reason,
        Message = message,
        Count = count,
        LastTimestamp = Now.AddSeconds(-secondsAgo).UtcDateTime,
        InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = "web" },
    };

    public static PodFacts Facts(V1Pod pod, IReadOnlyList<V1Node>? nodes = null, IReadOnlyList<Corev1Event>? events = null, IReadOnlyList<V1Pod>? bound = null,
        IReadOnlyList<V1PersistentVolumeClaim>? claims = null, IReadOnlyDictionary<string, string>? logs = null, string[]? configMaps = null, string[]? secrets = null) =>
        new(pod, events ?? [], nodes ?? [Node("node-a")], bound ?? [], claims ?? [],
            (configMaps ?? []).ToHashSet(StringComparer.Ordinal), (secrets ?? []).ToHashSet(StringComparer.Ordinal),
            logs ?? new Dictionary<string, string>(), Now);

    private static Dictionary<string, ResourceQuantity>? Requests(string? cpu, string? memory)
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

        return requests.Count == 0 ? null : requests;
    }
}
