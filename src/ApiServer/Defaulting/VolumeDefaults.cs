namespace Orchestrator.ApiServer.Defaulting;

/// <summary>Upstream's SetDefaults_Volume and the per-source defaults (mode 0644 is 420 in JSON).</summary>
internal static class VolumeDefaults
{
    private const int DefaultMode = 420;

    private static readonly string[] Sources =
    [
        "hostPath", "emptyDir", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "secret", "nfs", "iscsi", "glusterfs",
        "persistentVolumeClaim", "rbd", "flexVolume", "cinder", "cephfs", "flocker", "downwardAPI", "fc", "azureFile", "configMap",
        "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk", "projected", "portworxVolume", "scaleIO", "storageos",
        "csi", "ephemeral", "image",
    ];

    public static void Apply(JsonObject volume)
    {
        if (!Sources.Any(s => volume[s] is not null))
        {
            volume["emptyDir"] = new JsonObject();
        }

        foreach (var source in new[] { "configMap", "secret", "downwardAPI", "projected" })
        {
            if (volume[source] is JsonObject s)
            {
                JsonFields.Default(s, "defaultMode", DefaultMode);
            }
        }

        if (volume["hostPath"] is JsonObject hostPath)
        {
            JsonFields.Default(hostPath, "type", "");
        }

        foreach (var (_, item) in JsonFields.Items(volume["downwardAPI"] as JsonObject, "items"))
        {
            if (item["fieldRef"] is JsonObject fieldRef)
            {
                JsonFields.Default(fieldRef, "apiVersion", "v1");
            }
        }
    }
}
