using k8s.Models;
using Orchestrator.ControllerManager.Controllers.DaemonSet;
using Orchestrator.ControllerManager.Controllers.Workloads;

namespace Orchestrator.ControllerManager.Tests.Controllers.DaemonSet;

internal static class DaemonSetFixtures
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    public const string Hash = "newhash";

    public static V1DaemonSet NewDaemonSet(string strategy = "RollingUpdate", string? maxUnavailable = null, string? maxSurge = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "agent", NamespaceProperty = "kube-system", Uid = "ds-uid", Generation = 2 },
        Spec = new V1DaemonSetSpec
        {
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "agent" } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "agent" } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "agent", Image = "agent:2" }] },
            },
            UpdateStrategy = new V1DaemonSetUpdateStrategy
            {
                Type = strategy,
                RollingUpdate = strategy == "RollingUpdate"
                    ? new V1RollingUpdateDaemonSet { MaxUnavailable = maxUnavailable is null ? null : (IntOrString)maxUnavailable, MaxSurge = maxSurge is null ? null : (IntOrString)maxSurge }
                    : null,
            },
        },
    };

    public static V1Node NewNode(string name, IDictionary<string, string>? labels = null, params V1Taint[] taints) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = labels ?? new Dictionary<string, string>() },
        Spec = new V1NodeSpec { Taints = taints },
    };

    public static V1Pod NewPod(string name, string node, string hash = Hash, bool ready = true, string phase = "Running", int ageSeconds = 60)
    {
        var pod = DaemonPods.New(NewDaemonSet(), node, hash);
        pod.Metadata.Name = name;
        pod.Metadata.Uid = "uid-" + name;
        pod.Metadata.CreationTimestamp = Now.AddSeconds(-ageSeconds).UtcDateTime;
        pod.Spec.NodeName = node;
        pod.Status = new V1PodStatus
        {
            Phase = phase,
            Conditions = ready ? [new V1PodCondition { Type = "Ready", Status = "True", LastTransitionTime = Now.AddSeconds(-ageSeconds).UtcDateTime }] : [],
        };
        return pod;
    }

    public static DaemonSetPlan Plan(V1DaemonSet ds, V1Node[] nodes, params V1Pod[] pods) =>
        DaemonSetPlanner.Compute(ds, nodes, pods, Hash, expectationsSatisfied: true, Now);

    public static string? Pinned(V1Pod pod) => DaemonPods.NodeOf(pod);

    public static string HashOf(V1Pod pod) => pod.Metadata.Label(Revisions.HashLabel)!;
}
