namespace Orchestrator.ApiServer.Registry.Batch.CronJobs;

/// <summary>CronJobs (upstream pkg/registry/batch/cronjob/strategy.go): SetDefaults_CronJob, a valid schedule and job template.</summary>
internal sealed class CronJobStrategy() : ResourceStrategy(new CronJobPrinter())
{
    public override void Default(JsonObject obj, bool create) => CronJobDefaults.Apply(obj);

    public override void Validate(JsonObject obj, List<StatusCause> causes) => CronJobValidation.Validate(obj, causes);
}
