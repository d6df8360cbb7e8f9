using k8s.Models;
using Orchestrator.ApiServer.Registry.AdmissionRegistration;
using Orchestrator.ApiServer.Registry.ApiRegistration;
using Orchestrator.ApiServer.Registry.Apps.ControllerRevisions;
using Orchestrator.ApiServer.Registry.Apps.DaemonSets;
using Orchestrator.ApiServer.Registry.Apps.Deployments;
using Orchestrator.ApiServer.Registry.Apps.ReplicaSets;
using Orchestrator.ApiServer.Registry.Apps.StatefulSets;
using Orchestrator.ApiServer.Registry.Autoscaling.HorizontalPodAutoscalers;
using Orchestrator.ApiServer.Registry.Batch.CronJobs;
using Orchestrator.ApiServer.Registry.Batch.Jobs;
using Orchestrator.ApiServer.Registry.Certificates;
using Orchestrator.ApiServer.Registry.Coordination.Leases;
using Orchestrator.ApiServer.Registry.Core.ComponentStatuses;
using Orchestrator.ApiServer.Registry.Core.ConfigMaps;
using Orchestrator.ApiServer.Registry.Core.Endpoints;
using Orchestrator.ApiServer.Registry.Core.Events;
using Orchestrator.ApiServer.Registry.Core.Namespaces;
using Orchestrator.ApiServer.Registry.Core.Nodes;
using Orchestrator.ApiServer.Registry.Core.PersistentVolumeClaims;
using Orchestrator.ApiServer.Registry.Core.PersistentVolumes;
using Orchestrator.ApiServer.Registry.Core.Pods;
using Orchestrator.ApiServer.Registry.Core.ResourceQuotas;
using Orchestrator.ApiServer.Registry.Core.Secrets;
using Orchestrator.ApiServer.Registry.Core.ServiceAccounts;
using Orchestrator.ApiServer.Registry.Core.Services;
using Orchestrator.ApiServer.Registry.Discovery.EndpointSlices;
using Orchestrator.ApiServer.Registry.Networking.IngressClasses;
using Orchestrator.ApiServer.Registry.Networking.Ingresses;
using Orchestrator.ApiServer.Registry.Networking.NetworkPolicies;
using Orchestrator.ApiServer.Registry.Node.RuntimeClasses;
using Orchestrator.ApiServer.Registry.Policy.PodDisruptionBudgets;
using Orchestrator.ApiServer.Registry.Rbac;
using Orchestrator.ApiServer.Registry.Scheduling.PriorityClasses;
using Orchestrator.ApiServer.Registry.StorageApi.CsiDrivers;
using Orchestrator.ApiServer.Registry.StorageApi.CsiNodes;
using Orchestrator.ApiServer.Registry.StorageApi.StorageClasses;
using Orchestrator.ApiServer.Registry.StorageApi.VolumeAttachments;

namespace Orchestrator.ApiServer.Registry;

/// <summary>The built-in kinds this server serves, with the names and verbs upstream discovery reports and each kind's strategy.</summary>
internal static class BuiltInResources
{
    private static readonly string[] GetPatchUpdate = ["get", "patch", "update"];
    private static readonly string[] Create = ["create"];
    private static readonly string[] CreateGet = ["create", "get"];
    private static readonly string[] Get = ["get"];
    private static readonly string[] NoDeleteCollection = ["create", "delete", "get", "list", "patch", "update", "watch"];

    /// <summary>The storage version of HorizontalPodAutoscalers, also served as autoscaling/v1 (declared before <see cref="All"/>, which uses it).</summary>
    private static readonly ResourceDefinition HorizontalPodAutoscalersV2 =
        Of<V2HorizontalPodAutoscaler, V2HorizontalPodAutoscalerList>("autoscaling", "v2", "horizontalpodautoscalers", "horizontalpodautoscaler", namespaced: true, ["hpa"], ["all"]) with
        {
            Strategy = new HorizontalPodAutoscalerStrategy(),
            Subresources = [Status("autoscaling", "v2", "HorizontalPodAutoscaler")],
        };

    public static IReadOnlyList<ResourceDefinition> All { get; } =
    [
        // core/v1
        Core<V1Namespace, V1NamespaceList>("namespaces", "namespace", namespaced: false, ["ns"]) with
        {
            Strategy = new NamespaceStrategy(),
            Verbs = NoDeleteCollection,
            Subresources = [Status("", "v1", "Namespace"), new("finalize", "", "v1", "Namespace", ["update"])],
        },
        Core<V1Pod, V1PodList>("pods", "pod", namespaced: true, ["po"], ["all"]) with
        {
            Strategy = new PodStrategy(),
            Subresources =
            [
                Status("", "v1", "Pod"),
                new("binding", "", "v1", "Binding", Create),
                new("eviction", "policy", "v1", "Eviction", Create),
                new("ephemeralcontainers", "", "v1", "Pod", GetPatchUpdate, Strategy: new PodEphemeralContainersStrategy()),
                new("attach", "", "v1", "PodAttachOptions", CreateGet, Connect: true),
                new("exec", "", "v1", "PodExecOptions", CreateGet, Connect: true),
                new("log", "", "v1", "Pod", Get, Connect: true),
                new("portforward", "", "v1", "PodPortForwardOptions", CreateGet, Connect: true),
                new("proxy", "", "v1", "PodProxyOptions", ["create", "delete", "get", "patch", "update"], Connect: true),
            ],
        },
        Core<V1Node, V1NodeList>("nodes", "node", namespaced: false, ["no"]) with
        {
            Strategy = new NodeStrategy(),
            Subresources = [Status("", "v1", "Node"), new("proxy", "", "v1", "NodeProxyOptions", ["create", "delete", "get", "patch", "update"], Connect: true)],
        },
        Core<V1Service, V1ServiceList>("services", "service", namespaced: true, ["svc"], ["all"]) with
        {
            Strategy = new ServiceStrategy(),
            Subresources = [Status("", "v1", "Service"), new("proxy", "", "v1", "ServiceProxyOptions", ["create", "delete", "get", "patch", "update"], Connect: true)],
        },
        Core<V1Endpoints, V1EndpointsList>("endpoints", "endpoints", namespaced: true, ["ep"]) with { Strategy = new EndpointsStrategy() },
        Core<V1ConfigMap, V1ConfigMapList>("configmaps", "configmap", namespaced: true, ["cm"]) with { Strategy = new ConfigMapStrategy() },
        Core<V1Secret, V1SecretList>("secrets", "secret", namespaced: true) with { Strategy = new SecretStrategy() },
        Core<V1ServiceAccount, V1ServiceAccountList>("serviceaccounts", "serviceaccount", namespaced: true, ["sa"]) with
        {
            Strategy = new ServiceAccountStrategy(),
            Subresources = [new("token", "authentication.k8s.io", "v1", "TokenRequest", Create)],
        },
        Core<Corev1Event, Corev1EventList>("events", "event", namespaced: true, ["ev"]) with { Strategy = new EventStrategy(EventFields.Core) },
        Core<V1ComponentStatus, V1ComponentStatusList>("componentstatuses", "componentstatus", namespaced: false, ["cs"]) with { Stored = false, Verbs = ["get", "list"], Strategy = new ResourceStrategy(new ComponentStatusPrinter()), DeprecationWarning = "v1 ComponentStatus is deprecated in v1.19+" },
        Core<V1PersistentVolume, V1PersistentVolumeList>("persistentvolumes", "persistentvolume", namespaced: false, ["pv"]) with
        {
            Strategy = new PersistentVolumeStrategy(),
            Subresources = [Status("", "v1", "PersistentVolume")],
        },
        Core<V1PersistentVolumeClaim, V1PersistentVolumeClaimList>("persistentvolumeclaims", "persistentvolumeclaim", namespaced: true, ["pvc"]) with
        {
            Strategy = new PersistentVolumeClaimStrategy(),
            Subresources = [Status("", "v1", "PersistentVolumeClaim")],
        },
        Core<V1ResourceQuota, V1ResourceQuotaList>("resourcequotas", "resourcequota", namespaced: true, ["quota"]) with
        {
            Strategy = new ResourceQuotaStrategy(),
            Subresources = [Status("", "v1", "ResourceQuota")],
        },
        Core<V1LimitRange, V1LimitRangeList>("limitranges", "limitrange", namespaced: true, ["limits"]),

        // apps/v1
        Workload<V1Deployment, V1DeploymentList>("deployments", "deployment", ["deploy"], scale: true, new DeploymentStrategy()),
        Workload<V1ReplicaSet, V1ReplicaSetList>("replicasets", "replicaset", ["rs"], scale: true, new ReplicaSetStrategy()),
        Workload<V1StatefulSet, V1StatefulSetList>("statefulsets", "statefulset", ["sts"], scale: true, new StatefulSetStrategy()),
        Workload<V1DaemonSet, V1DaemonSetList>("daemonsets", "daemonset", ["ds"], scale: false, new DaemonSetStrategy()),
        Of<V1ControllerRevision, V1ControllerRevisionList>("apps", "v1", "controllerrevisions", "controllerrevision", namespaced: true) with
        {
            Strategy = new ControllerRevisionStrategy(),
        },

        // batch/v1
        Of<V1Job, V1JobList>("batch", "v1", "jobs", "job", namespaced: true, categories: ["all"]) with
        {
            Strategy = new JobStrategy(),
            HasGeneration = true,
            Subresources = [Status("batch", "v1", "Job")],
        },
        Of<V1CronJob, V1CronJobList>("batch", "v1", "cronjobs", "cronjob", namespaced: true, ["cj"], ["all"]) with
        {
            Strategy = new CronJobStrategy(),
            HasGeneration = true,
            Subresources = [Status("batch", "v1", "CronJob")],
        },

        // autoscaling/v2, the preferred version, and autoscaling/v1 served from its objects
        HorizontalPodAutoscalersV2,
        Of<V1HorizontalPodAutoscaler, V1HorizontalPodAutoscalerList>("autoscaling", "v1", "horizontalpodautoscalers", "horizontalpodautoscaler", namespaced: true, ["hpa"], ["all"]) with
        {
            Strategy = HorizontalPodAutoscalersV2.Strategy,
            Subresources = [Status("autoscaling", "v1", "HorizontalPodAutoscaler")],
            StoredAs = new(HorizontalPodAutoscalersV2, HorizontalPodAutoscalerV1Converter.Instance),
        },

        // networking.k8s.io/v1
        Of<V1Ingress, V1IngressList>("networking.k8s.io", "v1", "ingresses", "ingress", namespaced: true, ["ing"]) with
        {
            Strategy = new IngressStrategy(),
            HasGeneration = true,
            Subresources = [Status("networking.k8s.io", "v1", "Ingress")],
        },
        Of<V1IngressClass, V1IngressClassList>("networking.k8s.io", "v1", "ingressclasses", "ingressclass", namespaced: false) with
        {
            Strategy = new IngressClassStrategy(),
        },
        Of<V1NetworkPolicy, V1NetworkPolicyList>("networking.k8s.io", "v1", "networkpolicies", "networkpolicy", namespaced: true, ["netpol"]) with
        {
            Strategy = new NetworkPolicyStrategy(),
            HasGeneration = true,
        },

        // storage.k8s.io/v1
        Of<V1StorageClass, V1StorageClassList>("storage.k8s.io", "v1", "storageclasses", "storageclass", namespaced: false, ["sc"]) with
        {
            Strategy = new StorageClassStrategy(),
        },
        Of<V1CSIDriver, V1CSIDriverList>("storage.k8s.io", "v1", "csidrivers", "csidriver", namespaced: false) with { Strategy = new CsiDriverStrategy() },
        Of<V1CSINode, V1CSINodeList>("storage.k8s.io", "v1", "csinodes", "csinode", namespaced: false) with { Strategy = new CsiNodeStrategy() },
        Of<V1VolumeAttachment, V1VolumeAttachmentList>("storage.k8s.io", "v1", "volumeattachments", "volumeattachment", namespaced: false) with
        {
            Strategy = new VolumeAttachmentStrategy(),
            Subresources = [Status("storage.k8s.io", "v1", "VolumeAttachment")],
        },

        // admissionregistration.k8s.io/v1: stored and validated; called by Admission/Webhooks
        Of<V1ValidatingWebhookConfiguration, V1ValidatingWebhookConfigurationList>("admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations", "validatingwebhookconfiguration", namespaced: false) with
        {
            Strategy = new WebhookConfigurationStrategy(mutating: false),
            HasGeneration = true,
        },
        Of<V1MutatingWebhookConfiguration, V1MutatingWebhookConfigurationList>("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations", "mutatingwebhookconfiguration", namespaced: false) with
        {
            Strategy = new WebhookConfigurationStrategy(mutating: true),
            HasGeneration = true,
        },

        // apiextensions.k8s.io/v1: served by CustomResources/ once established
        Of<V1CustomResourceDefinition, V1CustomResourceDefinitionList>("apiextensions.k8s.io", "v1", "customresourcedefinitions", "customresourcedefinition", namespaced: false, ["crd", "crds"], ["api-extensions"]) with
        {
            Strategy = new ApiExtensions.CustomResourceDefinitionStrategy(),
            HasGeneration = true,
            Subresources = [Status("apiextensions.k8s.io", "v1", "CustomResourceDefinition")],
        },
        // apiregistration.k8s.io/v1: stored and validated, never proxied
        Of<V1APIService, V1APIServiceList>("apiregistration.k8s.io", "v1", "apiservices", "apiservice", namespaced: false) with
        {
            Strategy = new ApiServiceStrategy(),
            Subresources = [Status("apiregistration.k8s.io", "v1", "APIService")],
        },

        // policy/v1
        Of<V1PodDisruptionBudget, V1PodDisruptionBudgetList>("policy", "v1", "poddisruptionbudgets", "poddisruptionbudget", namespaced: true, ["pdb"]) with
        {
            Strategy = new PodDisruptionBudgetStrategy(),
            HasGeneration = true,
            Subresources = [Status("policy", "v1", "PodDisruptionBudget")],
        },

        // rbac.authorization.k8s.io/v1
        Of<V1Role, V1RoleList>(RbacValidation.Group, "v1", "roles", "role", namespaced: true) with { Strategy = new RoleStrategy(clusterScoped: false) },
        Of<V1ClusterRole, V1ClusterRoleList>(RbacValidation.Group, "v1", "clusterroles", "clusterrole", namespaced: false) with
        {
            Strategy = new RoleStrategy(clusterScoped: true),
        },
        Of<V1RoleBinding, V1RoleBindingList>(RbacValidation.Group, "v1", "rolebindings", "rolebinding", namespaced: true) with
        {
            Strategy = new RoleBindingStrategy(clusterScoped: false),
        },
        Of<V1ClusterRoleBinding, V1ClusterRoleBindingList>(RbacValidation.Group, "v1", "clusterrolebindings", "clusterrolebinding", namespaced: false) with
        {
            Strategy = new RoleBindingStrategy(clusterScoped: true),
        },

        // authorization.k8s.io/v1: create-only reviews answered by Registry/Authorization's handlers, never stored
        Review<V1SubjectAccessReview>("subjectaccessreviews", "subjectaccessreview", namespaced: false),
        Review<V1SelfSubjectAccessReview>("selfsubjectaccessreviews", "selfsubjectaccessreview", namespaced: false),
        Review<V1LocalSubjectAccessReview>("localsubjectaccessreviews", "localsubjectaccessreview", namespaced: true),
        Review<V1SelfSubjectRulesReview>("selfsubjectrulesreviews", "selfsubjectrulesreview", namespaced: false),

        // smaller groups
        Of<V1CertificateSigningRequest, V1CertificateSigningRequestList>("certificates.k8s.io", "v1", "certificatesigningrequests", "certificatesigningrequest", namespaced: false, ["csr"]) with
        {
            Strategy = new CertificateSigningRequestStrategy(),
            Subresources = [Status("certificates.k8s.io", "v1", "CertificateSigningRequest"), new("approval", "certificates.k8s.io", "v1", "CertificateSigningRequest", ["update"])],
        },
        Of<V1Lease, V1LeaseList>("coordination.k8s.io", "v1", "leases", "lease", namespaced: true) with { Strategy = new LeaseStrategy() },
        Of<V1EndpointSlice, V1EndpointSliceList>("discovery.k8s.io", "v1", "endpointslices", "endpointslice", namespaced: true) with
        {
            Strategy = new EndpointSliceStrategy(),
        },
        Of<Eventsv1Event, Eventsv1EventList>("events.k8s.io", "v1", "events", "event", namespaced: true, ["ev"]) with
        {
            Strategy = new EventStrategy(EventFields.EventsV1),
        },
        Of<V1RuntimeClass, V1RuntimeClassList>("node.k8s.io", "v1", "runtimeclasses", "runtimeclass", namespaced: false) with
        {
            Strategy = new RuntimeClassStrategy(),
        },
        Of<V1PriorityClass, V1PriorityClassList>("scheduling.k8s.io", "v1", "priorityclasses", "priorityclass", namespaced: false, ["pc"]) with
        {
            Strategy = new PriorityClassStrategy(),
        },

        // authentication.k8s.io: create-only reviews, never stored
        .. Authentication.AuthenticationResources.All,

        // metrics.k8s.io: computed from the kubelets' resource metrics, never stored
        .. Metrics.MetricsResources.All,
    ];

    private static ResourceDefinition Core<TModel, TList>(string plural, string singular, bool namespaced, string[]? shortNames = null, string[]? categories = null) =>
        Of<TModel, TList>("", "v1", plural, singular, namespaced, shortNames, categories);

    private static ResourceDefinition Workload<TModel, TList>(string plural, string singular, string[] shortNames, bool scale, IResourceStrategy strategy)
    {
        var kind = KindOf<TModel>();
        SubresourceDefinition[] subresources = scale
            ? [Status("apps", "v1", kind), new("scale", "autoscaling", "v1", "Scale", GetPatchUpdate)]
            : [Status("apps", "v1", kind)];
        return Of<TModel, TList>("apps", "v1", plural, singular, namespaced: true, shortNames, ["all"]) with
        {
            HasGeneration = true,
            Subresources = subresources,
            Strategy = strategy,
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

    /// <summary>An authorization.k8s.io/v1 review: created, answered, not stored (no list kind: the model stands in for it).</summary>
    private static ResourceDefinition Review<TModel>(string plural, string singular, bool namespaced) =>
        Of<TModel, TModel>("authorization.k8s.io", "v1", plural, singular, namespaced) with { Stored = false, Verbs = Create };

    private static SubresourceDefinition Status(string group, string version, string kind) => new("status", group, version, kind, GetPatchUpdate);

    /// <summary>The kind the model type declares (its KubeKind constant), so the table cannot drift from the models.</summary>
    private static string KindOf<TModel>() =>
        (string)(typeof(TModel).GetField("KubeKind")?.GetValue(null) ?? throw new InvalidOperationException($"{typeof(TModel)} declares no KubeKind"));
}
