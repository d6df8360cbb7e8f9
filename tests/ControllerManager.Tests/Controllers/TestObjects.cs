using k8s.Models;

namespace Orchestrator.ControllerManager.Tests.Controllers;

/// <summary>Small builders for the API objects the controller tests use.</summary>
internal static class TestObjects
{
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static V1ReplicaSet NewReplicaSet(string name, int replicas, string uid = "", Dictionary<string, string>? selector = null, DateTimeOffset? created = null, long revision = 0, int available = -1, int? statusReplicas = null)
    {
        var labels = selector ?? new Dictionary<string, string> { ["app"] = "web" };
        var rs = new V1ReplicaSet
        {
            ApiVersion = "apps/v1",
            Kind = "ReplicaSet",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = "default",
                Uid = uid.Length > 0 ? uid : "uid-" + name,
                Generation = 1,
                CreationTimestamp = (created ?? Now.AddHours(-1)).UtcDateTime,
                Annotations = new Dictionary<string, string>(),
            },
            Spec = new V1ReplicaSetSpec
            {
                Replicas = replicas,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string>(labels) },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string>(labels) },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "nginx:" + name }] },
                },
            },
            Status = new V1ReplicaSetStatus
            {
                Replicas = statusReplicas ?? replicas,
                ReadyReplicas = available < 0 ? replicas : available,
                AvailableReplicas = available < 0 ? replicas : available,
                ObservedGeneration = 1,
            },
        };
        if (revision > 0)
        {
            rs.Metadata.Annotations["deployment.kubernetes.io/revision"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return rs;
    }

    public static V1Pod NewPod(string name, string? ownerUid = null, string phase = "Running", bool ready = true, string node = "node-1", DateTimeOffset? created = null, DateTimeOffset? readySince = null, int restarts = 0, Dictionary<string, string>? labels = null, bool deleting = false)
    {
        var pod = new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = "default",
                Uid = "uid-" + name,
                Labels = labels ?? new Dictionary<string, string> { ["app"] = "web" },
                CreationTimestamp = (created ?? Now.AddMinutes(-30)).UtcDateTime,
                DeletionTimestamp = deleting ? Now.UtcDateTime : null,
            },
            Spec = new V1PodSpec { NodeName = node.Length == 0 ? null : node, Containers = [new V1Container { Name = "c", Image = "nginx" }] },
            Status = new V1PodStatus
            {
                Phase = phase,
                Conditions = [new V1PodCondition { Type = "Ready", Status = ready ? "True" : "False", LastTransitionTime = (readySince ?? Now.AddMinutes(-20)).UtcDateTime }],
                ContainerStatuses = [new V1ContainerStatus { Name = "c", Image = "nginx", ImageID = "", Ready = ready, RestartCount = restarts }],
            },
        };
        if (ownerUid is not null)
        {
            pod.Metadata.OwnerReferences = [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "owner", Uid = ownerUid, Controller = true, BlockOwnerDeletion = true }];
        }

        return pod;
    }

    public static V1Deployment NewDeployment(int replicas, string maxSurge = "25%", string maxUnavailable = "25%", string strategy = "RollingUpdate", string image = "nginx:1")
    {
        return new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default", Uid = "uid-web", Generation = 1, Annotations = new Dictionary<string, string>() },
            Spec = new V1DeploymentSpec
            {
                Replicas = replicas,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
                Strategy = new V1DeploymentStrategy
                {
                    Type = strategy,
                    RollingUpdate = strategy == "RollingUpdate" ? new V1RollingUpdateDeployment { MaxSurge = maxSurge, MaxUnavailable = maxUnavailable } : null,
                },
                RevisionHistoryLimit = 10,
                ProgressDeadlineSeconds = 600,
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = image }] },
                },
            },
            Status = new V1DeploymentStatus(),
        };
    }

    /// <summary>Sets the desired/max replicas annotations as the deployment controller would.</summary>
    public static V1ReplicaSet Annotated(this V1ReplicaSet rs, int desired, int max)
    {
        rs.Metadata.Annotations["deployment.kubernetes.io/desired-replicas"] = desired.ToString(System.Globalization.CultureInfo.InvariantCulture);
        rs.Metadata.Annotations["deployment.kubernetes.io/max-replicas"] = max.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return rs;
    }
}
