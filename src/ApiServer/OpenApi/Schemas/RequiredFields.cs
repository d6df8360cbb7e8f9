using k8s.Models;

namespace Orchestrator.ApiServer.OpenApi.Schemas;

/// <summary>
/// Which fields upstream marks required (kubectl explain prints "-required-"). KubernetesClient
/// only shows it for value types: a required int is <c>int</c>, an optional one <c>int?</c>. Strings,
/// objects and lists are nullable either way, so their required fields are written down here from
/// the upstream API types (fields without <c>omitempty</c>/<c>+optional</c>), for the served kinds.
/// The generator adds every non-nullable value-type field and the <c>items</c> of every list kind.
/// </summary>
internal static class RequiredFields
{
    private static readonly string[] TypeAndStatus = ["type", "status"];
    private static readonly string[] KeyAndOperator = ["key", "operator"];
    private static readonly string[] Name = ["name"];

    public static IReadOnlyDictionary<Type, string[]> Table { get; } = new Dictionary<Type, string[]>
    {
        // meta/v1
        [typeof(V1LabelSelectorRequirement)] = KeyAndOperator,
        [typeof(V1OwnerReference)] = ["apiVersion", "kind", "name", "uid"],
        [typeof(V1Condition)] = ["type", "status", "lastTransitionTime", "reason", "message"],

        // core/v1: pods and containers
        [typeof(V1PodSpec)] = ["containers"],
        [typeof(V1Container)] = Name,
        [typeof(V1EphemeralContainer)] = Name,
        [typeof(V1ContainerStatus)] = ["name", "ready", "restartCount", "image", "imageID"],
        [typeof(V1EnvVar)] = Name,
        [typeof(V1VolumeMount)] = ["name", "mountPath"],
        [typeof(V1VolumeDevice)] = ["name", "devicePath"],
        [typeof(V1Volume)] = Name,
        [typeof(V1KeyToPath)] = ["key", "path"],
        [typeof(V1ConfigMapKeySelector)] = ["key"],
        [typeof(V1SecretKeySelector)] = ["key"],
        [typeof(V1ObjectFieldSelector)] = ["fieldPath"],
        [typeof(V1ResourceFieldSelector)] = ["resource"],
        [typeof(V1DownwardAPIVolumeFile)] = ["path"],
        [typeof(V1HTTPGetAction)] = ["port"],
        [typeof(V1HTTPHeader)] = ["name", "value"],
        [typeof(V1TCPSocketAction)] = ["port"],
        [typeof(V1PodCondition)] = TypeAndStatus,
        [typeof(V1PodReadinessGate)] = ["conditionType"],
        [typeof(V1PodSchedulingGate)] = Name,
        [typeof(V1PodResourceClaim)] = Name,
        [typeof(V1PodResourceClaimStatus)] = Name,
        [typeof(Corev1ResourceClaim)] = Name,
        [typeof(V1ContainerResizePolicy)] = ["resourceName", "restartPolicy"],
        [typeof(V1HostAlias)] = ["ip"],
        [typeof(V1HostIP)] = ["ip"],
        [typeof(V1PodIP)] = ["ip"],
        [typeof(V1Sysctl)] = ["name", "value"],
        [typeof(V1SeccompProfile)] = ["type"],
        [typeof(V1AppArmorProfile)] = ["type"],
        [typeof(V1PodOS)] = Name,
        [typeof(V1NodeSelector)] = ["nodeSelectorTerms"],
        [typeof(V1NodeSelectorRequirement)] = KeyAndOperator,
        [typeof(V1PodAffinityTerm)] = ["topologyKey"],
        [typeof(V1WeightedPodAffinityTerm)] = ["weight", "podAffinityTerm"],
        [typeof(V1PreferredSchedulingTerm)] = ["weight", "preference"],
        [typeof(V1TopologySpreadConstraint)] = ["maxSkew", "topologyKey", "whenUnsatisfiable"],
        [typeof(V1TypedLocalObjectReference)] = ["kind", "name"],
        [typeof(V1TypedObjectReference)] = ["kind", "name"],
        [typeof(V1PersistentVolumeClaimTemplate)] = ["spec"],
        [typeof(V1ResourceStatus)] = Name,
        [typeof(V1ResourceHealth)] = ["resourceID"],
        [typeof(V1VolumeMountStatus)] = ["name", "mountPath"],

        // core/v1: volume sources
        [typeof(V1HostPathVolumeSource)] = ["path"],
        [typeof(V1NFSVolumeSource)] = ["server", "path"],
        [typeof(V1PersistentVolumeClaimVolumeSource)] = ["claimName"],
        [typeof(V1GCEPersistentDiskVolumeSource)] = ["pdName"],
        [typeof(V1AWSElasticBlockStoreVolumeSource)] = ["volumeID"],
        [typeof(V1GitRepoVolumeSource)] = ["repository"],
        [typeof(V1ISCSIVolumeSource)] = ["targetPortal", "iqn", "lun"],
        [typeof(V1ISCSIPersistentVolumeSource)] = ["targetPortal", "iqn", "lun"],
        [typeof(V1GlusterfsVolumeSource)] = ["endpoints", "path"],
        [typeof(V1GlusterfsPersistentVolumeSource)] = ["endpoints", "path"],
        [typeof(V1RBDVolumeSource)] = ["monitors", "image"],
        [typeof(V1RBDPersistentVolumeSource)] = ["monitors", "image"],
        [typeof(V1FlexVolumeSource)] = ["driver"],
        [typeof(V1FlexPersistentVolumeSource)] = ["driver"],
        [typeof(V1CinderVolumeSource)] = ["volumeID"],
        [typeof(V1CinderPersistentVolumeSource)] = ["volumeID"],
        [typeof(V1CephFSVolumeSource)] = ["monitors"],
        [typeof(V1CephFSPersistentVolumeSource)] = ["monitors"],
        [typeof(V1AzureFileVolumeSource)] = ["secretName", "shareName"],
        [typeof(V1AzureFilePersistentVolumeSource)] = ["secretName", "shareName"],
        [typeof(V1AzureDiskVolumeSource)] = ["diskName", "diskURI"],
        [typeof(V1VsphereVirtualDiskVolumeSource)] = ["volumePath"],
        [typeof(V1QuobyteVolumeSource)] = ["registry", "volume"],
        [typeof(V1PhotonPersistentDiskVolumeSource)] = ["pdID"],
        [typeof(V1PortworxVolumeSource)] = ["volumeID"],
        [typeof(V1ScaleIOVolumeSource)] = ["gateway", "system", "secretRef"],
        [typeof(V1ScaleIOPersistentVolumeSource)] = ["gateway", "system", "secretRef"],
        [typeof(V1CSIVolumeSource)] = ["driver"],
        [typeof(V1CSIPersistentVolumeSource)] = ["driver", "volumeHandle"],
        [typeof(V1LocalVolumeSource)] = ["path"],
        [typeof(V1ClusterTrustBundleProjection)] = ["path"],
        [typeof(V1ServiceAccountTokenProjection)] = ["path"],

        // core/v1: nodes, services, events and the rest
        [typeof(V1NodeCondition)] = TypeAndStatus,
        [typeof(V1NodeAddress)] = ["type", "address"],
        [typeof(V1Taint)] = ["key", "effect"],
        [typeof(V1AttachedVolume)] = ["name", "devicePath"],
        [typeof(V1ConfigMapNodeConfigSource)] = ["namespace", "name", "kubeletConfigKey"],
        [typeof(V1NodeSystemInfo)] =
        [
            "machineID", "systemUUID", "bootID", "kernelVersion", "osImage", "containerRuntimeVersion",
            "kubeletVersion", "kubeProxyVersion", "operatingSystem", "architecture",
        ],
        [typeof(V1NamespaceCondition)] = TypeAndStatus,
        [typeof(V1PersistentVolumeClaimCondition)] = TypeAndStatus,
        [typeof(V1ModifyVolumeStatus)] = ["status"],
        [typeof(V1PortStatus)] = ["port", "protocol"],
        [typeof(V1EndpointAddress)] = ["ip"],
        [typeof(V1LimitRangeItem)] = ["type"],
        [typeof(V1LimitRangeSpec)] = ["limits"],
        [typeof(V1ScopedResourceSelectorRequirement)] = ["scopeName", "operator"],
        [typeof(Corev1Event)] = ["metadata", "involvedObject"],
        [typeof(V1Binding)] = ["target"],

        // apps/v1
        [typeof(V1DeploymentSpec)] = ["selector", "template"],
        [typeof(V1ReplicaSetSpec)] = ["selector"],
        [typeof(V1StatefulSetSpec)] = ["selector", "template"],
        [typeof(V1DaemonSetSpec)] = ["selector", "template"],
        [typeof(V1DeploymentCondition)] = TypeAndStatus,
        [typeof(V1ReplicaSetCondition)] = TypeAndStatus,
        [typeof(V1StatefulSetCondition)] = TypeAndStatus,
        [typeof(V1DaemonSetCondition)] = TypeAndStatus,
        [typeof(V1ControllerRevision)] = ["revision"],

        // batch/v1
        [typeof(V1JobSpec)] = ["template"],
        [typeof(V1CronJobSpec)] = ["schedule", "jobTemplate"],
        [typeof(V1JobCondition)] = TypeAndStatus,
        [typeof(V1PodFailurePolicy)] = ["rules"],
        [typeof(V1PodFailurePolicyRule)] = ["action"],
        [typeof(V1PodFailurePolicyOnExitCodesRequirement)] = ["operator", "values"],
        [typeof(V1PodFailurePolicyOnPodConditionsPattern)] = ["type"],
        [typeof(V1SuccessPolicy)] = ["rules"],

        // discovery, events, node, scheduling
        [typeof(V1EndpointSlice)] = ["addressType", "endpoints"],
        [typeof(V1Endpoint)] = ["addresses"],
        [typeof(V1ForZone)] = Name,
        [typeof(V1ForNode)] = Name,
        [typeof(Eventsv1Event)] = ["eventTime"],
        [typeof(V1RuntimeClass)] = ["handler"],
        [typeof(V1PriorityClass)] = ["value"],
    }.ToFrozenDictionary();

    /// <summary>The listed required fields of <paramref name="model"/> (possibly none).</summary>
    public static IReadOnlyList<string> Of(Type model) => Table.GetValueOrDefault(model) ?? [];
}
