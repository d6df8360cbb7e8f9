namespace Orchestrator.ApiServer.Authorization.Node;

/// <summary>
/// The objects a pod names, as upstream's podutil.VisitPodSecretNames / VisitPodConfigmapNames with
/// every container (init, regular and ephemeral): image pull secrets, env and envFrom, and volumes
/// (secret, configMap, projected sources, the secretRefs of volume plugins, CSI's
/// nodePublishSecretRef), its persistent volume claims (ephemeral volumes name theirs
/// <c>&lt;pod&gt;-&lt;volume&gt;</c>) and its service account. Pure.
/// </summary>
internal sealed record PodReferences(string ServiceAccount, IReadOnlyList<string> Secrets, IReadOnlyList<string> ConfigMaps, IReadOnlyList<string> Claims)
{
    /// <summary>Volume sources whose <c>secretRef.name</c> names a secret of the pod's namespace.</summary>
    private static readonly string[] SecretRefVolumes = ["cephfs", "cinder", "flexVolume", "rbd", "scaleIO", "iscsi", "storageos"];

    private static readonly string[] ContainerLists = ["initContainers", "containers", "ephemeralContainers"];

    public static PodReferences Of(JsonObject pod)
    {
        var spec = pod["spec"] as JsonObject;
        var secrets = new SortedSet<string>(StringComparer.Ordinal);
        var configMaps = new SortedSet<string>(StringComparer.Ordinal);
        var claims = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (_, pullSecret) in JsonFields.Items(spec, "imagePullSecrets"))
        {
            Add(secrets, pullSecret["name"]);
        }

        foreach (var container in ContainerLists.SelectMany(list => JsonFields.Items(spec, list)).Select(c => c.Item))
        {
            foreach (var (_, source) in JsonFields.Items(container, "envFrom"))
            {
                Add(secrets, source["secretRef"]?["name"]);
                Add(configMaps, source["configMapRef"]?["name"]);
            }

            foreach (var (_, variable) in JsonFields.Items(container, "env"))
            {
                Add(secrets, variable["valueFrom"]?["secretKeyRef"]?["name"]);
                Add(configMaps, variable["valueFrom"]?["configMapKeyRef"]?["name"]);
            }
        }

        var podName = JsonFields.Text(pod["metadata"]?["name"]) ?? "";
        foreach (var (_, volume) in JsonFields.Items(spec, "volumes"))
        {
            Add(secrets, volume["secret"]?["secretName"]);
            Add(secrets, volume["azureFile"]?["secretName"]);
            Add(secrets, volume["csi"]?["nodePublishSecretRef"]?["name"]);
            foreach (var plugin in SecretRefVolumes)
            {
                Add(secrets, volume[plugin]?["secretRef"]?["name"]);
            }

            Add(configMaps, volume["configMap"]?["name"]);
            foreach (var (_, source) in JsonFields.Items(volume["projected"] as JsonObject, "sources"))
            {
                Add(secrets, source["secret"]?["name"]);
                Add(configMaps, source["configMap"]?["name"]);
            }

            Add(claims, volume["persistentVolumeClaim"]?["claimName"]);
            if (volume["ephemeral"] is JsonObject && JsonFields.Text(volume["name"]) is { Length: > 0 } volumeName)
            {
                claims.Add($"{podName}-{volumeName}");
            }
        }

        return new PodReferences(JsonFields.Text(spec?["serviceAccountName"]) ?? "", [.. secrets], [.. configMaps], [.. claims]);
    }

    private static void Add(SortedSet<string> names, JsonNode? name)
    {
        if (JsonFields.Text(name) is { Length: > 0 } text)
        {
            names.Add(text);
        }
    }
}
