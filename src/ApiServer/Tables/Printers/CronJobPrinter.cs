namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>
/// cronjobs: NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE, wide CONTAINERS IMAGES
/// SELECTOR. SUSPEND is the string "True"/"False" as upstream prints it; unset reads False, as
/// defaulting makes it.
/// </summary>
internal sealed class CronJobPrinter() : ColumnPrinter(
[
    CommonColumns.Name,
    Column.String("Schedule", "The schedule in Cron format.", obj => obj.String("spec", "schedule")),
    Column.String("Timezone", "The time zone name for the given schedule.", obj => obj.StringOrNull("spec", "timeZone") ?? "<none>"),
    Column.Boolean("Suspend", "Whether subsequent executions are suspended.", obj => obj.Bool("spec", "suspend") ? "True" : "False"),
    Column.Integer("Active", "The number of currently running jobs.", obj => (long)obj.Count("status", "active")),
    Column.String("Last Schedule", "The last time the job was successfully scheduled.", (obj, now) => LastSchedule(obj, now)),
    CommonColumns.Age,
    .. CommonColumns.Containers("spec", "jobTemplate", "spec", "template", "spec"),
    CommonColumns.Selector("A label query over pods that should match the pod count.", "spec", "jobTemplate", "spec", "selector"),
])
{
    private static string LastSchedule(JsonObject cronJob, DateTimeOffset now) =>
        cronJob.At("status", "lastScheduleTime") is null ? "<none>" : HumanDuration.Since(cronJob.Time("status", "lastScheduleTime"), now);
}
