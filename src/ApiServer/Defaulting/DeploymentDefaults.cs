namespace Orchestrator.ApiServer.Defaulting;

/// <summary>Upstream's apps/v1 SetDefaults_Deployment.</summary>
internal static class DeploymentDefaults
{
    public static void Apply(JsonObject deployment)
    {
        var spec = JsonFields.Child(deployment, "spec");
        JsonFields.Default(spec, "replicas", 1);
        var strategy = JsonFields.Child(spec, "strategy");
        JsonFields.Default(strategy, "type", "RollingUpdate");
        if (JsonFields.Text(strategy["type"]) == "RollingUpdate")
        {
            var rolling = JsonFields.Child(strategy, "rollingUpdate");
            JsonFields.Default(rolling, "maxUnavailable", "25%");
            JsonFields.Default(rolling, "maxSurge", "25%");
        }

        JsonFields.Default(spec, "revisionHistoryLimit", 10);
        JsonFields.Default(spec, "progressDeadlineSeconds", 600);
        PodSpecDefaults.ApplyTemplate(spec);
    }
}
