using k8s.Models;

namespace Orchestrator.ApiServer.Patching;

/// <summary>
/// Strategic-merge metadata of the built-in kinds, keyed by the KubernetesClient model type that
/// holds the field and the field's JSON name. The models do not carry it, so it is written down
/// here from the upstream API types' struct tags. Fields not listed are replaced whole.
/// </summary>
internal static class PatchMetadata
{
    private static readonly PatchStrategy ByName = new(Merge: true, RetainKeys: false, "name");
    private static readonly PatchStrategy ByType = new(Merge: true, RetainKeys: false, "type");
    private static readonly PatchStrategy Primitives = new(Merge: true, RetainKeys: false, null);
    private static readonly PatchStrategy RetainKeysOnly = new(Merge: false, RetainKeys: true, null);

    private static readonly FrozenDictionary<(Type, string), PatchStrategy> Fields = new Dictionary<(Type, string), PatchStrategy>
    {
        [(typeof(V1ObjectMeta), "finalizers")] = Primitives,
        [(typeof(V1ObjectMeta), "ownerReferences")] = new(true, false, "uid"),

        [(typeof(V1PodSpec), "containers")] = ByName,
        [(typeof(V1PodSpec), "initContainers")] = ByName,
        [(typeof(V1PodSpec), "ephemeralContainers")] = ByName,
        [(typeof(V1PodSpec), "volumes")] = new(true, true, "name"),
        [(typeof(V1PodSpec), "imagePullSecrets")] = ByName,
        [(typeof(V1PodSpec), "hostAliases")] = new(true, false, "ip"),
        [(typeof(V1PodSpec), "topologySpreadConstraints")] = new(true, false, "topologyKey"),
        [(typeof(V1PodSpec), "resourceClaims")] = new(true, true, "name"),
        [(typeof(V1PodSpec), "schedulingGates")] = ByName,
        [(typeof(V1Container), "env")] = ByName,
        [(typeof(V1Container), "ports")] = new(true, false, "containerPort"),
        [(typeof(V1Container), "volumeMounts")] = new(true, false, "mountPath"),
        [(typeof(V1Container), "volumeDevices")] = new(true, false, "devicePath"),
        [(typeof(V1EphemeralContainer), "env")] = ByName,
        [(typeof(V1EphemeralContainer), "ports")] = new(true, false, "containerPort"),
        [(typeof(V1EphemeralContainer), "volumeMounts")] = new(true, false, "mountPath"),
        [(typeof(V1EphemeralContainer), "volumeDevices")] = new(true, false, "devicePath"),
        [(typeof(V1PodStatus), "conditions")] = ByType,
        [(typeof(V1PodStatus), "podIPs")] = new(true, false, "ip"),

        [(typeof(V1NodeSpec), "podCIDRs")] = Primitives,
        [(typeof(V1NodeStatus), "conditions")] = ByType,
        [(typeof(V1NodeStatus), "addresses")] = ByType,

        [(typeof(V1ServiceSpec), "ports")] = new(true, false, "port"),
        [(typeof(V1ServiceStatus), "conditions")] = ByType,
        [(typeof(V1ServiceAccount), "secrets")] = ByName,
        [(typeof(V1NamespaceStatus), "conditions")] = ByType,
        [(typeof(V1PersistentVolumeClaimStatus), "conditions")] = ByType,

        [(typeof(V1DeploymentSpec), "strategy")] = RetainKeysOnly,
        [(typeof(V1DeploymentStatus), "conditions")] = ByType,
        [(typeof(V1ReplicaSetStatus), "conditions")] = ByType,
        [(typeof(V1StatefulSetStatus), "conditions")] = ByType,
        [(typeof(V1DaemonSetStatus), "conditions")] = ByType,
        [(typeof(V1JobStatus), "conditions")] = ByType,
        [(typeof(V1PodDisruptionBudgetStatus), "conditions")] = ByType,

        [(typeof(V2HorizontalPodAutoscalerStatus), "conditions")] = ByType,
        [(typeof(V1CSINodeSpec), "drivers")] = ByName,
        [(typeof(V1ValidatingWebhookConfiguration), "webhooks")] = ByName,
        [(typeof(V1MutatingWebhookConfiguration), "webhooks")] = ByName,
        [(typeof(V1APIServiceStatus), "conditions")] = ByType,
    }.ToFrozenDictionary();

    /// <summary>The strategy of <paramref name="jsonName"/> on <paramref name="owner"/>, or null when it is replaced whole.</summary>
    public static PatchStrategy? For(Type owner, string jsonName) => Fields.GetValueOrDefault((owner, jsonName));
}
