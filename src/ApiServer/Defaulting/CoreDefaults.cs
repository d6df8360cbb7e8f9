namespace Orchestrator.ApiServer.Defaulting;

/// <summary>Upstream's small core/v1 defaults: Secret, PersistentVolume(Claim), Endpoints; and PriorityClass.</summary>
internal static class CoreDefaults
{
    public static void Secret(JsonObject secret) => JsonFields.Default(secret, "type", "Opaque");

    public static void PersistentVolumeClaim(JsonObject claim) =>
        JsonFields.Default(JsonFields.Child(claim, "spec"), "volumeMode", "Filesystem");

    public static void PersistentVolume(JsonObject volume)
    {
        var spec = JsonFields.Child(volume, "spec");
        JsonFields.Default(spec, "persistentVolumeReclaimPolicy", "Retain");
        JsonFields.Default(spec, "volumeMode", "Filesystem");
    }

    public static void Endpoints(JsonObject endpoints)
    {
        foreach (var (_, subset) in JsonFields.Items(endpoints, "subsets"))
        {
            foreach (var (_, port) in JsonFields.Items(subset, "ports"))
            {
                JsonFields.Default(port, "protocol", "TCP");
            }
        }
    }

    public static void PriorityClass(JsonObject priorityClass) =>
        JsonFields.Default(priorityClass, "preemptionPolicy", "PreemptLowerPriority");
}
