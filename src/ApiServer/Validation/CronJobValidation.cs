using Orchestrator.ApiMachinery.Cron;

namespace Orchestrator.ApiServer.Validation;

/// <summary>Upstream's CronJob checks: a schedule in cron syntax (no time zone in it), history limits, the job template.</summary>
internal static class CronJobValidation
{
    public static void Validate(JsonObject body, List<StatusCause> causes)
    {
        var spec = body["spec"] as JsonObject;
        var schedule = JsonFields.Text(spec?["schedule"]);
        if (schedule is null or "")
        {
            causes.Add(FieldErrors.Required("spec.schedule"));
        }
        else if (schedule.Contains("TZ", StringComparison.Ordinal))
        {
            causes.Add(FieldErrors.InvalidText("spec.schedule", schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
        }
        else if (CronSchedule.Check(schedule) is { } problem)
        {
            causes.Add(FieldErrors.InvalidText("spec.schedule", schedule, problem));
        }

        WorkloadValidation.NonNegative(spec, "successfulJobsHistoryLimit", causes);
        WorkloadValidation.NonNegative(spec, "failedJobsHistoryLimit", causes);
        WorkloadValidation.NonNegative(spec, "startingDeadlineSeconds", causes);
        JobValidation.Validate(spec?["jobTemplate"]?["spec"] as JsonObject, "spec.jobTemplate.spec", causes);
    }
}
