namespace Orchestrator.ControllerManager.Controllers.GarbageCollector;

/// <summary>The kinds the garbage collector builds its ownership graph from, each with its shared informer.</summary>
internal static class TrackedKinds
{
    public static IReadOnlyList<ITrackedKind> Create(InformerFactory informers) =>
    [
        Of("", "Pod", informers.Pods()),
        Of("apps", "ReplicaSet", informers.ReplicaSets()),
        Of("apps", "Deployment", informers.Deployments()),
        Of("apps", "StatefulSet", informers.StatefulSets()),
        Of("apps", "DaemonSet", informers.DaemonSets()),
        Of("apps", "ControllerRevision", informers.ControllerRevisions()),
        Of("batch", "Job", informers.Jobs()),
        Of("batch", "CronJob", informers.CronJobs()),
        Of("", "Service", informers.Services()),
        Of("", "Endpoints", informers.Endpoints()),
        Of("discovery.k8s.io", "EndpointSlice", informers.EndpointSlices()),
        Of("", "ConfigMap", informers.ConfigMaps()),
        Of("", "Secret", informers.Secrets()),
        Of("", "ServiceAccount", informers.ServiceAccounts()),
        Of("", "PersistentVolumeClaim", informers.PersistentVolumeClaims()),
        Of("coordination.k8s.io", "Lease", informers.Leases()),
        new TrackedKind<V1Node>(KindCatalog.Nodes, informers.Nodes()),
    ];

    private static TrackedKind<T> Of<T>(string group, string kind, IInformer<T> informer)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var apiVersion = group.Length == 0 ? "v1" : group + "/v1";
        var operations = KindCatalog.Find(apiVersion, kind) ?? throw new InvalidOperationException($"{kind} is not in the kind catalog");
        return new TrackedKind<T>(operations, informer);
    }
}
