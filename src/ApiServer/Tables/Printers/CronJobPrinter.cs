using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>cronjobs: NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE, wide CONTAINERS IMAGES SELECTOR.</summary>
internal sealed class CronJobPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Schedule", "string", "The schedule in Cron format."),
        new("Timezone", "string", "The time zone name for the given schedule."),
        new("Suspend", "boolean", "Whether subsequent executions are suspended."),
        new("Active", "integer", "The number of currently running jobs."),
        new("Last Schedule", "string", "The last time the job was successfully scheduled."),
        CommonColumns.Age,
        CommonColumns.Containers,
        CommonColumns.Images,
        CommonColumns.Selector("A label query over pods that should match the pod count."),
    ];

    /// <summary>SUSPEND is the string "True"/"False" as upstream prints it; unset reads False, as defaulting makes it.</summary>
    public JsonArray Cells(JsonObject obj, DateTimeOffset now)
    {
        var jobSpec = obj.At("spec", "jobTemplate", "spec");
        var (names, images) = ObjectCells.Containers(jobSpec.At("template", "spec"));
        var lastSchedule = obj.At("status", "lastScheduleTime") is null
            ? "<none>"
            : HumanDuration.Since(obj.Time("status", "lastScheduleTime"), now);
        return new JsonArray(
            ObjectCells.Name(obj),
            obj.String("spec", "schedule"),
            obj.StringOrNull("spec", "timeZone") ?? "<none>",
            obj.Bool("spec", "suspend") ? "True" : "False",
            (long)obj.Count("status", "active"),
            lastSchedule,
            ObjectCells.Age(obj, now),
            names,
            images,
            LabelFormat.Selector(jobSpec.At("selector")));
    }
}
