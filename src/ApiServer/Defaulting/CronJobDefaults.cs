namespace Orchestrator.ApiServer.Defaulting;

/// <summary>Upstream's batch/v1 SetDefaults_CronJob; the job template gets the pod template defaults only.</summary>
internal static class CronJobDefaults
{
    public static void Apply(JsonObject cronJob)
    {
        var spec = JsonFields.Child(cronJob, "spec");
        JsonFields.Default(spec, "concurrencyPolicy", "Allow");
        JsonFields.Default(spec, "suspend", false);
        JsonFields.Default(spec, "successfulJobsHistoryLimit", 3);
        JsonFields.Default(spec, "failedJobsHistoryLimit", 1);
        PodSpecDefaults.ApplyTemplate(JsonFields.Child(JsonFields.Child(spec, "jobTemplate"), "spec"));
    }
}
