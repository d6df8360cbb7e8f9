using k8s.Models;

namespace Orchestrator.ApiServer.Registry;

/// <summary>The built-in kinds this server serves, with the names and verbs upstream discovery reports.</summary>
internal static class BuiltInResources
{
    private static readonly string[] GetPatchUpdate = ["get", "patch", "update"];
    private static readonly string[] Create = ["create"];
    private static readonly string[] CreateGet = ["create", "get"];
    private static readonly string[] Get = ["get"];
    private static readonly string[] NoDeleteCollection = ["create", "delete", "get", "list", "patch", "update", "watch"];

    public static IReadOnlyList<ResourceDefinition> All { get; } =
    [
        // core/v1
        Core<V1Namespace, V1NamespaceList>("namespaces", "namespace", namespaced: false, ["ns"]) with
        {
            Verbs = NoDeleteCollection,
            Subresources = [Status("", "v1", "Namespace"), new("finalize", "", "v1", "Namespace", ["update"])],
        },
        Core<V1Pod, V1PodList>("pods", "pod", namespaced: true, ["po"], ["all"]) with
        {
            Subresources =
            [
                Status("", "v1", "Pod"),
                new("binding", "", "v1", "Binding", Create),
                new("eviction", "policy", "v1", "Eviction", Create),
                new("attach", "", "v1", "PodAttachOptions", CreateGet, Connect: true),
                new("exec", "", "v1", "PodExecOptions", CreateGet, Connect: true),
                new("log", "", "v1", "Pod", Get, Connect: true),
                new("portforward", "", "v1", "PodPortForwardOptions", CreateGet, Connect: true),
            ],
        },
        Core<V1Node, V1NodeList>("nodes", "node", namespaced: false, ["no"]) with { Subresources = [Status("", "v1", "Node")] },
        Core<V1Service, V1ServiceList>("services", "service", namespaced: true, ["svc"], ["all"]) with
        {
            Subresources = [Status("", "v1", "Service")],
        },
        Core<V1Endpoints, V1EndpointsList>("endpoints", "endpoints", namespaced: true, ["ep"]),
        Core<V1ConfigMap, V1ConfigMapList>("configmaps", "configmap", namespaced: true, ["cm"]),
        Core<V1Secret, V1SecretList>("secrets", "secret", namespaced: true) with { Strategy = new Core.Secrets.SecretStrategy() },
        Core<V1ServiceAccount, V1ServiceAccountList>("serviceaccounts", "serviceaccount", namespaced: true, ["sa"]),
        Core<Corev1Event, Corev1EventList>("events", "event", namespaced: true, ["ev"]),
        Core<V1PersistentVolume, V1PersistentVolumeList>("persistentvolumes", "persistentvolume", namespaced: false, ["pv"]) with
        {
            Subresources = [Status("", "v1", "PersistentVolume")],
        },
        Core<V1PersistentVolumeClaim, V1PersistentVolumeClaimList>("persistentvolumeclaims", "persistentvolumeclaim", namespaced: true, ["pvc"]) with
        {
            Subresources = [Status("", "v1", "PersistentVolumeClaim")],
        },
        Core<V1ResourceQuota, V1ResourceQuotaList>("resourcequotas", "resourcequota", namespaced: true, ["quota"]) with
        {
            Subresources = [Status("", "v1", "ResourceQuota")],
        },
        Core<V1LimitRange, V1LimitRangeList>("limitranges", "limitrange", namespaced: true, ["limits"]),

        // apps/v1
        Workload<V1Deployment, V1DeploymentList>("deployments", "deployment", ["deploy"], scale: true),
        Workload<V1ReplicaSet, V1ReplicaSetList>("replicasets", "replicaset", ["rs"], scale: true),
        Workload<V1StatefulSet, V1StatefulSetList>("statefulsets", "statefulset", ["sts"], scale: true),
        Workload<V1DaemonSet, V1DaemonSetList>("daemonsets", "daemonset", ["ds"], scale: false),
        Of<V1ControllerRevision, V1ControllerRevisionList>("apps", "v1", "controllerrevisions", "controllerrevision", namespaced: true),

        // batch/v1
        Of<V1Job, V1JobList>("batch", "v1", "jobs", "job", namespaced: true, categories: ["all"]) with
        {
            HasGeneration = true,
            Subresources = [Status("batch", "v1", "Job")],
        },
        Of<V1CronJob, V1CronJobList>("batch", "v1", "cronjobs", "cronjob", namespaced: true, ["cj"], ["all"]) with
        {
            HasGeneration = true,
            Subresources = [Status("batch", "v1", "CronJob")],
        },

        // policy/v1
        Of<V1PodDisruptionBudget, V1PodDisruptionBudgetList>("policy", "v1", "poddisruptionbudgets", "poddisruptionbudget", namespaced: true, ["pdb"]) with
        {
            HasGeneration = true,
            Subresources = [Status("policy", "v1", "PodDisruptionBudget")],
        },

        // smaller groups
        Of<V1Lease, V1LeaseList>("coordination.k8s.io", "v1", "leases", "lease", namespaced: true),
        Of<V1EndpointSlice, V1EndpointSliceList>("discovery.k8s.io", "v1", "endpointslices", "endpointslice", namespaced: true),
        Of<Eventsv1Event, Eventsv1EventList>("events.k8s.io", "v1", "events", "event", namespaced: true, ["ev"]),
        Of<V1RuntimeClass, V1RuntimeClassList>("node.k8s.io", "v1", "runtimeclasses", "runtimeclass", namespaced: false),
        Of<V1PriorityClass, V1PriorityClassList>("scheduling.k8s.io", "v1", "priorityclasses", "priorityclass", namespaced: false, ["pc"]),
    ];

    private static ResourceDefinition Core<TModel, TList>(string plural, string singular, bool namespaced, string[]? shortNames = null, string[]? categories = null) =>
        Of<TModel, TList>("", "v1", plural, singular, namespaced, shortNames, categories);

    private static ResourceDefinition Workload<TModel, TList>(string plural, string singular, string[] shortNames, bool scale)
    {
        var kind = KindOf<TModel>();
        SubresourceDefinition[] subresources = scale
            ? [Status("apps", "v1", kind), new("scale", "autoscaling", "v1", "Scale", GetPatchUpdate)]
            : [Status("apps", "v1", kind)];
        return Of<TModel, TList>("apps", "v1", plural, singular, namespaced: true, shortNames, ["all"]) with
        {
            HasGeneration = true,
            Subresources = subresources,
        };
    }

    private static ResourceDefinition Of<TModel, TList>(string group, string version, string plural, string singular, bool namespaced, string[]? shortNames = null, string[]? categories = null) => new()
    {
        Group = group,
        Version = version,
        Kind = KindOf<TModel>(),
        Plural = plural,
        Singular = singular,
        Namespaced = namespaced,
        ModelType = typeof(TModel),
        ListType = typeof(TList),
        ShortNames = shortNames ?? [],
        Categories = categories ?? [],
    };

    private static SubresourceDefinition Status(string group, string version, string kind) => new("status", group, version, kind, GetPatchUpdate);

    /// <summary>The kind the model type declares (its KubeKind constant), so the table cannot drift from the models.</summary>
    private static string KindOf<TModel>() =>
        (string)(typeof(TModel).GetField("KubeKind")?.GetValue(null) ?? throw new InvalidOperationException($"{typeof(TModel)} declares no KubeKind"));
}
