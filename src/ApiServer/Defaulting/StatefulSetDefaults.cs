namespace Orchestrator.ApiServer.Defaulting;

/// <summary>Upstream's apps/v1 SetDefaults_StatefulSet, with its volume claim templates defaulted like claims.</summary>
internal static class StatefulSetDefaults
{
    public static void Apply(JsonObject statefulSet)
    {
        var spec = JsonFields.Child(statefulSet, "spec");
        JsonFields.Default(spec, "podManagementPolicy", "OrderedReady");
        var strategy = JsonFields.Child(spec, "updateStrategy");
        JsonFields.Default(strategy, "type", "RollingUpdate");
        if (JsonFields.Text(strategy["type"]) == "RollingUpdate")
        {
            JsonFields.Default(JsonFields.Child(strategy, "rollingUpdate"), "partition", 0);
        }

        var retention = JsonFields.Child(spec, "persistentVolumeClaimRetentionPolicy");
        JsonFields.Default(retention, "whenDeleted", "Retain");
        JsonFields.Default(retention, "whenScaled", "Retain");
        JsonFields.Default(spec, "replicas", 1);
        JsonFields.Default(spec, "revisionHistoryLimit", 10);
        foreach (var (_, claim) in JsonFields.Items(spec, "volumeClaimTemplates"))
        {
            JsonFields.Default(JsonFields.Child(claim, "spec"), "volumeMode", "Filesystem");
        }

        PodSpecDefaults.ApplyTemplate(spec);
    }
}
