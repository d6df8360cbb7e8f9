using Orchestrator.ApiMachinery.Cron;

namespace Orchestrator.ControllerManager.Controllers.CronJob;

/// <summary>
/// Decides one sync of a CronJob (upstream cronjob_controllerv2 syncCronJob and cleanupFinishedJobs)
/// as a pure function of the CronJob, the Jobs it controls and the clock.
/// </summary>
internal static class CronJobPlanner
{
    public const int TooManyMissed = 100;

    /// <summary>Upstream nextScheduleDelta: wake up a little after the schedule time.</summary>
    public static readonly TimeSpan NextScheduleDelta = TimeSpan.FromMilliseconds(100);

    /// <param name="missingActiveUids">UIDs in status.active confirmed gone from the API server.</param>
    public static CronJobPlan Compute(V1CronJob cronJob, IReadOnlyList<V1Job> jobs, IReadOnlySet<string> missingActiveUids, DateTimeOffset now)
    {
        var status = ObjectCopy.Deep(cronJob.Status ?? new V1CronJobStatus());
        var active = new List<V1ObjectReference>(status.Active ?? []);
        var events = new List<CronJobEvent>();
        var changed = false;

        foreach (var job in jobs)
        {
            var found = active.Any(r => r.Uid == job.Metadata.Uid);
            var finished = CronJobs.IsFinished(job);
            if (!found && !finished)
            {
                events.Add(new("Warning", "UnexpectedJob", "Saw a job that the controller did not create or forgot: " + job.Metadata.Name));
            }
            else if (found && finished)
            {
                active.RemoveAll(r => r.Uid == job.Metadata.Uid);
                var condition = CronJobs.Succeeded(job) ? "Complete" : "Failed";
                events.Add(new("Normal", "SawCompletedJob", $"Saw completed job: {job.Metadata.Name}, condition: {condition}"));
                changed = true;
            }

            if (finished && job.Status?.CompletionTime is { } completed && (status.LastSuccessfulTime is null || completed > status.LastSuccessfulTime))
            {
                status.LastSuccessfulTime = completed;
                changed = true;
            }
        }

        foreach (var missing in active.Where(r => missingActiveUids.Contains(r.Uid)).ToList())
        {
            events.Add(new("Normal", "MissingJob", "Active job went missing: " + missing.Name));
            active.Remove(missing);
            changed = true;
        }

        var delete = HistoryToDelete(cronJob, jobs);
        events.AddRange(delete.Select(j => new CronJobEvent("Normal", "SuccessfulDelete", "Deleted job " + j.Metadata.Name)));
        status.Active = active;
        CronJobPlan Result(TimeSpan? requeue, V1Job? create = null) =>
            new(create, delete, status, changed || create is not null, events, requeue);

        if (cronJob.Metadata.DeletionTimestamp is not null)
        {
            return Result(null);
        }

        var zone = TimeZoneInfo.Utc;
        if (cronJob.Spec.TimeZone is { } zoneId)
        {
            if (CronSchedule.FindZone(zoneId) is not { } found)
            {
                events.Add(new("Warning", "UnknownTimeZone", $"invalid timeZone: \"{zoneId}\": unknown time zone {zoneId}"));
                return Result(null);
            }

            zone = found;
        }

        if (cronJob.Spec.Suspend == true)
        {
            return Result(null);
        }

        CronSchedule schedule;
        try
        {
            schedule = Parse(cronJob, zone, events);
        }
        catch (FormatException e)
        {
            events.Add(new("Warning", "UnparseableSchedule", $"unparseable schedule: \"{cronJob.Spec.Schedule}\" : {e.Message}"));
            return Result(null);
        }

        var (_, scheduled, missed) = MostRecent(cronJob, status, schedule, now, includeDeadline: true);
        if (scheduled is null)
        {
            return Result(NextIn(cronJob, status, schedule, now));
        }

        if (missed > TooManyMissed)
        {
            events.Add(new("Warning", "TooManyMissedTimes", "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew"));
        }

        if (cronJob.Spec.StartingDeadlineSeconds is { } deadline && scheduled.Value.AddSeconds(deadline) < now)
        {
            events.Add(new("Warning", "MissSchedule", "Missed scheduled time to start a job: " + scheduled.Value.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture)));
            return Result(NextIn(cronJob, status, schedule, now));
        }

        var name = CronJobs.JobName(cronJob, scheduled.Value);
        if (active.Any(r => r.Name == name) || (status.LastScheduleTime is { } last && Seconds(last) == scheduled.Value.ToUnixTimeSeconds()))
        {
            return Result(NextIn(cronJob, status, schedule, now));
        }

        if (cronJob.Spec.ConcurrencyPolicy == "Forbid" && active.Count > 0)
        {
            events.Add(new("Normal", "JobAlreadyActive", "Not starting job because prior execution is running and concurrency policy is Forbid"));
            return Result(NextIn(cronJob, status, schedule, now));
        }

        if (cronJob.Spec.ConcurrencyPolicy == "Replace" && active.Count > 0)
        {
            var running = jobs.Where(j => active.Any(r => r.Uid == j.Metadata.Uid)).ToList();
            delete = [.. delete, .. running];
            events.AddRange(running.Select(j => new CronJobEvent("Normal", "SuccessfulDelete", "Deleted job " + j.Metadata.Name)));
            active.Clear();
            changed = true;
        }

        status.LastScheduleTime = scheduled.Value.UtcDateTime;
        return Result(NextIn(cronJob, status, schedule, now), CronJobs.NewJob(cronJob, scheduled.Value, zone));
    }

    private static CronSchedule Parse(V1CronJob cronJob, TimeZoneInfo zone, List<CronJobEvent> events)
    {
        var text = cronJob.Spec.Schedule ?? "";
        if (text.Contains("TZ", StringComparison.Ordinal))
        {
            if (cronJob.Spec.TimeZone is not null)
            {
                throw new FormatException("cannot use TZ or CRON_TZ in schedule together with timeZone");
            }

            events.Add(new("Warning", "UnsupportedSchedule", $"CRON_TZ or TZ used in schedule \"{text}\" is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details"));
        }

        return CronSchedule.Parse(text, zone);
    }

    /// <summary>
    /// Upstream mostRecentScheduleTime: counting from the last schedule time (or creation, or the
    /// starting deadline), the latest activation not after <paramref name="now"/> and how many were due.
    /// </summary>
    internal static (DateTimeOffset Earliest, DateTimeOffset? MostRecent, int Missed) MostRecent(
        V1CronJob cronJob, V1CronJobStatus status, CronSchedule schedule, DateTimeOffset now, bool includeDeadline)
    {
        var earliest = Utc(status.LastScheduleTime ?? cronJob.Metadata.CreationTimestamp ?? now.UtcDateTime);
        if (includeDeadline && cronJob.Spec.StartingDeadlineSeconds is { } deadline && now.AddSeconds(-deadline) > earliest)
        {
            earliest = now.AddSeconds(-deadline);
        }

        var next = schedule.Next(earliest);
        if (next is null || next > now)
        {
            return (earliest, null, 0);
        }

        var mostRecent = next.Value;
        var missed = 1;
        while (schedule.Next(mostRecent) is { } following && following <= now)
        {
            mostRecent = following;
            missed++;
        }

        return (earliest, mostRecent, missed);
    }

    /// <summary>Upstream nextScheduleTimeDuration: how long until the activation after the latest one due.</summary>
    private static TimeSpan? NextIn(V1CronJob cronJob, V1CronJobStatus status, CronSchedule schedule, DateTimeOffset now)
    {
        var (earliest, mostRecent, _) = MostRecent(cronJob, status, schedule, now, includeDeadline: false);
        return schedule.Next(mostRecent ?? earliest) is { } next ? next + NextScheduleDelta - now : null;
    }

    /// <summary>Finished Jobs beyond the history limits, oldest (by start time) first.</summary>
    private static List<V1Job> HistoryToDelete(V1CronJob cronJob, IReadOnlyList<V1Job> jobs)
    {
        var finished = jobs.Where(CronJobs.IsFinished).ToList();
        var succeeded = finished.Where(CronJobs.Succeeded).ToList();
        var failed = finished.Where(j => !CronJobs.Succeeded(j)).ToList();
        return [.. Oldest(succeeded, cronJob.Spec.SuccessfulJobsHistoryLimit ?? 3), .. Oldest(failed, cronJob.Spec.FailedJobsHistoryLimit ?? 1)];
    }

    private static IEnumerable<V1Job> Oldest(List<V1Job> jobs, int keep) =>
        jobs.OrderBy(j => j.Status?.StartTime is null ? 1 : 0)
            .ThenBy(j => j.Status?.StartTime)
            .ThenBy(j => j.Metadata.Name, StringComparer.Ordinal)
            .Take(Math.Max(jobs.Count - keep, 0));

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    private static long Seconds(DateTime time) => Utc(time).ToUnixTimeSeconds();
}
