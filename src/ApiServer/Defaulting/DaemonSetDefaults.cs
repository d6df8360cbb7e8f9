namespace Orchestrator.ApiServer.Defaulting;

/// <summary>Upstream's apps/v1 SetDefaults_DaemonSet.</summary>
internal static class DaemonSetDefaults
{
    public static void Apply(JsonObject daemonSet)
    {
        var spec = JsonFields.Child(daemonSet, "spec");
        var strategy = JsonFields.Child(spec, "updateStrategy");
        JsonFields.Default(strategy, "type", "RollingUpdate");
        if (JsonFields.Text(strategy["type"]) == "RollingUpdate")
        {
            var rolling = JsonFields.Child(strategy, "rollingUpdate");
            JsonFields.Default(rolling, "maxUnavailable", 1);
            JsonFields.Default(rolling, "maxSurge", 0);
        }

        JsonFields.Default(spec, "revisionHistoryLimit", 10);
        PodSpecDefaults.ApplyTemplate(spec);
    }
}
