namespace Orchestrator.ApiServer.Authorization.Node;

/// <summary>
/// What a PersistentVolume relates to nodes through (upstream's AddPV with
/// pvutil.VisitPVSecretNames): the claim it is bound to, and the secrets the kubelet reads to mount
/// it (the volume plugins' secretRef, azureFile's secretName, CSI's node stage, publish and expand
/// secrets; not the controller ones). A secret without a namespace is in the claim's. Pure.
/// </summary>
internal sealed record VolumeReferences((string Namespace, string Name)? Claim, IReadOnlyList<(string Namespace, string Name)> Secrets)
{
    private static readonly string[] SecretRefVolumes = ["cephfs", "cinder", "flexVolume", "rbd", "scaleIO", "iscsi", "storageos"];

    private static readonly string[] KubeletCsiSecrets = ["nodeStageSecretRef", "nodePublishSecretRef", "nodeExpandSecretRef"];

    public static VolumeReferences Of(JsonObject volume)
    {
        var spec = volume["spec"] as JsonObject;
        if (spec?["claimRef"] is not JsonObject claimRef)
        {
            return new VolumeReferences(null, []);
        }

        var claimNamespace = JsonFields.Text(claimRef["namespace"]) ?? "";
        var claim = (claimNamespace, JsonFields.Text(claimRef["name"]) ?? "");
        var secrets = new List<(string, string)>();
        void Add(JsonNode? reference, string nameField = "name")
        {
            if (reference is JsonObject secretRef && JsonFields.Text(secretRef[nameField]) is { Length: > 0 } name)
            {
                var ns = JsonFields.Text(secretRef[nameField == "name" ? "namespace" : "secretNamespace"]) is { Length: > 0 } given ? given : claimNamespace;
                secrets.Add((ns, name));
            }
        }

        foreach (var plugin in SecretRefVolumes)
        {
            Add(spec[plugin]?["secretRef"]);
        }

        Add(spec["azureFile"], "secretName");
        foreach (var field in KubeletCsiSecrets)
        {
            Add(spec["csi"]?[field]);
        }

        return new VolumeReferences(claim, secrets);
    }
}
