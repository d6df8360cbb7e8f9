using k8s.Models;
using Orchestrator.ControllerManager.Controllers.StatefulSet;

namespace Orchestrator.ControllerManager.Tests.Controllers.StatefulSet;

internal static class StatefulSetFixtures
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    public const string Current = "web-current";
    public const string Update = "web-update";

    public static V1StatefulSet NewSet(int replicas = 3, string policy = "OrderedReady", int? partition = 0, string strategy = "RollingUpdate", bool claims = false) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default", Uid = "sts-uid", Generation = 4 },
        Spec = new V1StatefulSetSpec
        {
            Replicas = replicas,
            ServiceName = "nginx",
            PodManagementPolicy = policy,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "nginx", Image = "nginx:2" }] },
            },
            UpdateStrategy = new V1StatefulSetUpdateStrategy
            {
                Type = strategy,
                RollingUpdate = strategy == "RollingUpdate" && partition is not null ? new V1RollingUpdateStatefulSetStrategy { Partition = partition } : null,
            },
            VolumeClaimTemplates = claims
                ? [new V1PersistentVolumeClaim { Metadata = new V1ObjectMeta { Name = "www" }, Spec = new V1PersistentVolumeClaimSpec { AccessModes = ["ReadWriteOnce"] } }]
                : null,
        },
    };

    public static V1PodTemplateSpec OldTemplate() => new()
    {
        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "nginx", Image = "nginx:1" }] },
    };

    public static V1Pod NewPod(int ordinal, string revision = Update, bool ready = true, string phase = "Running", bool deleting = false)
    {
        var pod = StatefulPods.New(NewSet(), NewSet().Spec.Template, ordinal, revision);
        pod.Metadata.Uid = "uid-" + ordinal;
        pod.Metadata.DeletionTimestamp = deleting ? Now.UtcDateTime : null;
        pod.Status = new V1PodStatus
        {
            Phase = phase,
            Conditions = ready ? [new V1PodCondition { Type = "Ready", Status = "True", LastTransitionTime = Now.AddMinutes(-1).UtcDateTime }] : [],
        };
        return pod;
    }

    public static StatefulSetPlan Plan(V1StatefulSet set, params V1Pod[] pods) =>
        StatefulSetPlanner.Compute(set, pods, OldTemplate(), Current, Update, new HashSet<string>(), Now);
}
