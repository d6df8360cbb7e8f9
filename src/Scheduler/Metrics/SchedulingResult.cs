namespace Orchestrator.Scheduler.Metrics;

/// <summary>
/// The <c>result</c> label of scheduler_schedule_attempts_total: <c>scheduled</c>, <c>unschedulable</c> (the pod fits
/// no node: a rejection, upstream's Status.IsRejected — Unschedulable, UnschedulableAndUnresolvable or Pending) or
/// <c>error</c> (an internal scheduler problem: an Error status, an exception, a failed bind).
/// </summary>
internal static class SchedulingResult
{
    public const string Scheduled = "scheduled";
    public const string Unschedulable = "unschedulable";
    public const string Error = "error";

    /// <summary>The label of a status that ended an attempt (a Reserve or PreBind plugin's).</summary>
    public static string Of(Status status) =>
        status.Code is StatusCode.Unschedulable or StatusCode.UnschedulableAndUnresolvable or StatusCode.Pending ? Unschedulable : Error;

    /// <summary>
    /// The label of a failed scheduling algorithm run. No node at all, or every node rejected by PreFilter or Filter,
    /// is unschedulable; an Error status from any plugin, or a failure once feasible nodes were found (PreScore), is an error,
    /// as upstream's SchedulePod returns an error rather than a FitError for those.
    /// </summary>
    public static string Of(ScheduleResult failed)
    {
        if (failed.Diagnosis is not { } diagnosis)
        {
            return failed.FeasibleNodes > 0 ? Error : Unschedulable;
        }

        if (diagnosis.PreFilterStatus is { } preFilter)
        {
            return Of(preFilter);
        }

        return diagnosis.NodeToStatus.Values.Any(s => s.Code == StatusCode.Error) ? Error : Unschedulable;
    }
}
