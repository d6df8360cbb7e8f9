namespace Orchestrator.Client;

/// <summary>Typed accessors: the shared informer of each resource the components use.</summary>
public sealed partial class InformerFactory
{
    public IInformer<V1Pod> Pods() => For(ListWatches.Pods);

    public IInformer<V1Node> Nodes() => For(ListWatches.Nodes);

    public IInformer<V1Namespace> Namespaces() => For(ListWatches.Namespaces);

    public IInformer<V1Service> Services() => For(ListWatches.Services);

    public IInformer<V1Endpoints> Endpoints() => For(ListWatches.Endpoints);

    public IInformer<V1EndpointSlice> EndpointSlices() => For(ListWatches.EndpointSlices);

    public IInformer<V1ServiceAccount> ServiceAccounts() => For(ListWatches.ServiceAccounts);

    public IInformer<V1ConfigMap> ConfigMaps() => For(ListWatches.ConfigMaps);

    public IInformer<V1Secret> Secrets() => For(ListWatches.Secrets);

    public IInformer<V1PersistentVolumeClaim> PersistentVolumeClaims() => For(ListWatches.PersistentVolumeClaims);

    public IInformer<V1PersistentVolume> PersistentVolumes() => For(ListWatches.PersistentVolumes);

    public IInformer<V1StorageClass> StorageClasses() => For(ListWatches.StorageClasses);

    public IInformer<Corev1Event> Events() => For(ListWatches.Events);

    public IInformer<V1ReplicaSet> ReplicaSets() => For(ListWatches.ReplicaSets);

    public IInformer<V1Deployment> Deployments() => For(ListWatches.Deployments);

    public IInformer<V1StatefulSet> StatefulSets() => For(ListWatches.StatefulSets);

    public IInformer<V1DaemonSet> DaemonSets() => For(ListWatches.DaemonSets);

    public IInformer<V1ControllerRevision> ControllerRevisions() => For(ListWatches.ControllerRevisions);

    public IInformer<V1Job> Jobs() => For(ListWatches.Jobs);

    public IInformer<V1CronJob> CronJobs() => For(ListWatches.CronJobs);

    public IInformer<V1Lease> Leases() => For(ListWatches.Leases);

    public IInformer<V1PodDisruptionBudget> PodDisruptionBudgets() => For(ListWatches.PodDisruptionBudgets);
}
