namespace Orchestrator.Client;

/// <summary>The list-and-watch calls of the official client for every resource the components inform on.</summary>
public static class ListWatches
{
    public static ListWatch<V1Pod> Pods { get; } = ListWatch<V1Pod>.Create<V1PodList>(
        (c, r, ct) => c.CoreV1.ListPodForAllNamespacesAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct),
        (c, r, onError, ct) => c.CoreV1.WatchListPodForAllNamespacesAsync(allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static ListWatch<V1Node> Nodes { get; } = ListWatch<V1Node>.Create<V1NodeList>(
        (c, r, ct) => c.CoreV1.ListNodeAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct),
        (c, r, onError, ct) => c.CoreV1.WatchListNodeAsync(allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static ListWatch<V1Namespace> Namespaces { get; } = ListWatch<V1Namespace>.Create<V1NamespaceList>(
        (c, r, ct) => c.CoreV1.ListNamespaceAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct),
        (c, r, onError, ct) => c.CoreV1.WatchListNamespaceAsync(allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static ListWatch<V1Service> Services { get; } = ListWatch<V1Service>.Create<V1ServiceList>(
        (c, r, ct) => c.CoreV1.ListServiceForAllNamespacesAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct),
        (c, r, onError, ct) => c.CoreV1.WatchListServiceForAllNamespacesAsync(allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static ListWatch<V1Endpoints> Endpoints { get; } = ListWatch<V1Endpoints>.Create<V1EndpointsList>(
        (c, r, ct) => c.CoreV1.ListEndpointsForAllNamespacesAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct),
        (c, r, onError, ct) => c.CoreV1.WatchListEndpointsForAllNamespacesAsync(allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static ListWatch<V1EndpointSlice> EndpointSlices { get; } = ListWatch<V1EndpointSlice>.Create<V1EndpointSliceList>(
        (c, r, ct) => c.DiscoveryV1.ListEndpointSliceForAllNamespacesAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct),
        (c, r, onError, ct) => c.DiscoveryV1.WatchListEndpointSliceForAllNamespacesAsync(allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static ListWatch<V1ServiceAccount> ServiceAccounts { get; } = ListWatch<V1ServiceAccount>.Create<V1ServiceAccountList>(
        (c, r, ct) => c.CoreV1.ListServiceAccountForAllNamespacesAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct),
        (c, r, onError, ct) => c.CoreV1.WatchListServiceAccountForAllNamespacesAsync(allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static ListWatch<V1ConfigMap> ConfigMaps { get; } = ListWatch<V1ConfigMap>.Create<V1ConfigMapList>(
        (c, r, ct) => c.CoreV1.ListConfigMapForAllNamespacesAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct),
        (c, r, onError, ct) => c.CoreV1.WatchListConfigMapForAllNamespacesAsync(allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static ListWatch<V1Secret> Secrets { get; } = ListWatch<V1Secret>.Create<V1SecretList>(
        (c, r, ct) => c.CoreV1.ListSecretForAllNamespacesAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct),
        (c, r, onError, ct) => c.CoreV1.WatchListSecretForAllNamespacesAsync(allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static ListWatch<V1PersistentVolumeClaim> PersistentVolumeClaims { get; } = ListWatch<V1PersistentVolumeClaim>.Create<V1PersistentVolumeClaimList>(
        (c, r, ct) => c.CoreV1.ListPersistentVolumeClaimForAllNamespacesAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct),
        (c, r, onError, ct) => c.CoreV1.WatchListPersistentVolumeClaimForAllNamespacesAsync(allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static ListWatch<V1PersistentVolume> PersistentVolumes { get; } = ListWatch<V1PersistentVolume>.Create<V1PersistentVolumeList>(
        (c, r, ct) => c.CoreV1.ListPersistentVolumeAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct),
        (c, r, onError, ct) => c.CoreV1.WatchListPersistentVolumeAsync(allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static ListWatch<V1StorageClass> StorageClasses { get; } = ListWatch<V1StorageClass>.Create<V1StorageClassList>(
        (c, r, ct) => c.StorageV1.ListStorageClassAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct),
        (c, r, onError, ct) => c.StorageV1.WatchListStorageClassAsync(allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static ListWatch<Corev1Event> Events { get; } = ListWatch<Corev1Event>.Create<Corev1EventList>(
        (c, r, ct) => c.CoreV1.ListEventForAllNamespacesAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct),
        (c, r, onError, ct) => c.CoreV1.WatchListEventForAllNamespacesAsync(allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static ListWatch<V1ReplicaSet> ReplicaSets { get; } = ListWatch<V1ReplicaSet>.Create<V1ReplicaSetList>(
        (c, r, ct) => c.AppsV1.ListReplicaSetForAllNamespacesAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct),
        (c, r, onError, ct) => c.AppsV1.WatchListReplicaSetForAllNamespacesAsync(allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static ListWatch<V1Deployment> Deployments { get; } = ListWatch<V1Deployment>.Create<V1DeploymentList>(
        (c, r, ct) => c.AppsV1.ListDeploymentForAllNamespacesAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct),
        (c, r, onError, ct) => c.AppsV1.WatchListDeploymentForAllNamespacesAsync(allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static ListWatch<V1StatefulSet> StatefulSets { get; } = ListWatch<V1StatefulSet>.Create<V1StatefulSetList>(
        (c, r, ct) => c.AppsV1.ListStatefulSetForAllNamespacesAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct),
        (c, r, onError, ct) => c.AppsV1.WatchListStatefulSetForAllNamespacesAsync(allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static ListWatch<V1DaemonSet> DaemonSets { get; } = ListWatch<V1DaemonSet>.Create<V1DaemonSetList>(
        (c, r, ct) => c.AppsV1.ListDaemonSetForAllNamespacesAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct),
        (c, r, onError, ct) => c.AppsV1.WatchListDaemonSetForAllNamespacesAsync(allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static ListWatch<V1ControllerRevision> ControllerRevisions { get; } = ListWatch<V1ControllerRevision>.Create<V1ControllerRevisionList>(
        (c, r, ct) => c.AppsV1.ListControllerRevisionForAllNamespacesAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct),
        (c, r, onError, ct) => c.AppsV1.WatchListControllerRevisionForAllNamespacesAsync(allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static ListWatch<V1Job> Jobs { get; } = ListWatch<V1Job>.Create<V1JobList>(
        (c, r, ct) => c.BatchV1.ListJobForAllNamespacesAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct),
        (c, r, onError, ct) => c.BatchV1.WatchListJobForAllNamespacesAsync(allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static ListWatch<V1CronJob> CronJobs { get; } = ListWatch<V1CronJob>.Create<V1CronJobList>(
        (c, r, ct) => c.BatchV1.ListCronJobForAllNamespacesAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct),
        (c, r, onError, ct) => c.BatchV1.WatchListCronJobForAllNamespacesAsync(allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static ListWatch<V1Lease> Leases { get; } = ListWatch<V1Lease>.Create<V1LeaseList>(
        (c, r, ct) => c.CoordinationV1.ListLeaseForAllNamespacesAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct),
        (c, r, onError, ct) => c.CoordinationV1.WatchListLeaseForAllNamespacesAsync(allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static ListWatch<V1PodDisruptionBudget> PodDisruptionBudgets { get; } = ListWatch<V1PodDisruptionBudget>.Create<V1PodDisruptionBudgetList>(
        (c, r, ct) => c.PolicyV1.ListPodDisruptionBudgetForAllNamespacesAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct),
        (c, r, onError, ct) => c.PolicyV1.WatchListPodDisruptionBudgetForAllNamespacesAsync(allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));
}
