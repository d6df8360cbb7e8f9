namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>jobs: NAME STATUS COMPLETIONS DURATION AGE, wide CONTAINERS IMAGES SELECTOR.</summary>
internal sealed class JobPrinter() : ColumnPrinter(
[
    CommonColumns.Name,
    Column.String("Status", "Status of the job.", obj => Status(obj)),
    Column.String("Completions", "The number of pods which reached phase Succeeded, out of the desired completions.", obj => Completions(obj)),
    Column.String("Duration", "Time required to complete the job.", (obj, now) => Duration(obj, now)),
    CommonColumns.Age,
    .. CommonColumns.Containers("spec", "template", "spec"),
    CommonColumns.Selector("A label query over pods that should match the pod count.", "spec", "selector"),
])
{
    /// <summary>Complete, Failed, Terminating, Suspended, FailureTarget or Running, in upstream's order of precedence.</summary>
    public static string Status(JsonObject job) =>
        HasCondition(job, "Complete") ? "Complete"
        : HasCondition(job, "Failed") ? "Failed"
        : ObjectCells.IsDeleting(job) ? "Terminating"
        : HasCondition(job, "Suspended") ? "Suspended"
        : HasCondition(job, "FailureTarget") ? "FailureTarget"
        : "Running";

    /// <summary>
    /// "succeeded/completions"; without completions "s/1", or "s/1 of p" when parallel. Unset
    /// completions and parallelism read as defaulting fills them (both 1 when both are unset).
    /// </summary>
    public static string Completions(JsonObject job)
    {
        var succeeded = job.Long("status", "succeeded");
        var completions = job.LongOrNull("spec", "completions");
        var parallelism = job.LongOrNull("spec", "parallelism");
        if (completions is null && parallelism is null)
        {
            completions = 1;
        }

        return completions is { } c ? $"{succeeded}/{c}"
            : parallelism > 1 ? $"{succeeded}/1 of {parallelism}"
            : $"{succeeded}/1";
    }

    /// <summary>Completion minus start, or now minus start while running; empty before the job starts.</summary>
    private static string Duration(JsonObject job, DateTimeOffset now)
    {
        if (job.Time("status", "startTime") is not { } start)
        {
            return "";
        }

        return HumanDuration.Format((job.Time("status", "completionTime") ?? now) - start);
    }

    /// <summary>The first condition of the type decides, as upstream's hasJobCondition does.</summary>
    private static bool HasCondition(JsonObject job, string type) =>
        job["status"].Objects("conditions").FirstOrDefault(c => c.String("type") == type)?.String("status") == "True";
}
