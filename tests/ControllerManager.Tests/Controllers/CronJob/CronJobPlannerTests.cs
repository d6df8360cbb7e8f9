using k8s.Models;
using Orchestrator.Client;
using Orchestrator.ControllerManager.Controllers.CronJob;
using Orchestrator.ControllerManager.Controllers.Job;

namespace Orchestrator.ControllerManager.Tests.Controllers.CronJob;

public sealed class CronJobPlannerTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 22, 10, 0, 30, TimeSpan.Zero);

    private static V1CronJob NewCronJob(string schedule = "*/5 * * * *", string policy = "Allow", long? deadline = null, DateTimeOffset? lastSchedule = null, params V1Job[] active) => new()
    {
        Metadata = new V1ObjectMeta { Name = "report", NamespaceProperty = "default", Uid = "cj-uid", CreationTimestamp = Created.UtcDateTime },
        Spec = new V1CronJobSpec
        {
            Schedule = schedule,
            ConcurrencyPolicy = policy,
            StartingDeadlineSeconds = deadline,
            JobTemplate = new V1JobTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "report" } },
                Spec = new V1JobSpec { Template = new V1PodTemplateSpec { Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "r", Image = "r" }] } } },
            },
        },
        Status = new V1CronJobStatus
        {
            LastScheduleTime = lastSchedule?.UtcDateTime,
            Active = [.. active.Select(ObjectReferences.For)],
        },
    };

    private static V1Job NewJob(string name, string? condition = null, int startMinute = 0)
    {
        var job = new V1Job
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", Uid = "uid-" + name },
            Status = new V1JobStatus { StartTime = Created.AddMinutes(startMinute).UtcDateTime },
        };
        if (condition is not null)
        {
            job.Status.Conditions = [JobConditions.New(condition, "", "", Created.AddMinutes(startMinute + 1))];
            job.Status.CompletionTime = condition == "Complete" ? Created.AddMinutes(startMinute + 1).UtcDateTime : null;
        }

        return job;
    }

    private static CronJobPlan Plan(V1CronJob cj, DateTimeOffset now, params V1Job[] jobs) =>
        CronJobPlanner.Compute(cj, jobs, new HashSet<string>(), now);

    public static TheoryData<string, string, string?, double> ScheduleCases() => new()
    {
        // name, now, job created for (HH:mm), requeue seconds; the CronJob was created at 10:00:30
        { "before the first time: wait for it", "10:02:30", null, 150.1 },
        { "at the schedule time: create", "10:05:00", "10:05", 300.1 },
        { "missed several: only the most recent", "10:17:00", "10:15", 180.1 },
    };

    [Theory]
    [MemberData(nameof(ScheduleCases))]
    public void Creates_the_most_recent_due_job_and_sleeps_until_the_next(string name, string now, string? created, double requeue)
    {
        var at = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero) + TimeSpan.Parse(now, System.Globalization.CultureInfo.InvariantCulture);

        var plan = Plan(NewCronJob(), at);

        Assert.True(created == plan.Create?.Metadata.Annotations[CronJobs.ScheduledTimestampAnnotation][11..16], name + ": " + plan.Create?.Metadata.Name);
        Assert.True(Math.Abs(requeue - plan.RequeueAfter!.Value.TotalSeconds) < 0.001, name + ": requeue " + plan.RequeueAfter);
    }

    [Fact]
    public void Job_is_named_after_the_schedule_minute_and_owned()
    {
        var at = new DateTimeOffset(2026, 11, 22, 10, 5, 0, TimeSpan.Zero);

        var job = Plan(NewCronJob(), at).Create!;

        Assert.Equal("report-" + (at.ToUnixTimeSeconds() / 60), job.Metadata.Name);
        Assert.Equal("2026-11-22T10:05:00Z", job.Metadata.Annotations[CronJobs.ScheduledTimestampAnnotation]);
        Assert.Equal("report", job.Metadata.Labels["app"]);
        Assert.Equal(("CronJob", "cj-uid", true), (job.Metadata.OwnerReferences[0].Kind, job.Metadata.OwnerReferences[0].Uid, job.Metadata.OwnerReferences[0].Controller == true));
    }

    [Fact]
    public void Already_scheduled_time_is_not_created_again()
    {
        var at = new DateTimeOffset(2026, 11, 22, 10, 5, 10, TimeSpan.Zero);

        var plan = Plan(NewCronJob(lastSchedule: at.AddSeconds(-10)), at);

        Assert.Null(plan.Create);
    }

    public static TheoryData<string, string, bool, bool> ConcurrencyCases() => new()
    {
        // name, policy, creates, deletes the running job
        { "Allow runs side by side", "Allow", true, false },
        { "Forbid skips", "Forbid", false, false },
        { "Replace deletes the running one", "Replace", true, true },
    };

    [Theory]
    [MemberData(nameof(ConcurrencyCases))]
    public void ConcurrencyPolicy(string name, string policy, bool creates, bool deletes)
    {
        var running = NewJob("report-old");
        var at = new DateTimeOffset(2026, 11, 22, 10, 10, 0, TimeSpan.Zero);

        var plan = Plan(NewCronJob(policy: policy, lastSchedule: at.AddMinutes(-5), active: running), at, running);

        Assert.True(creates == plan.Create is not null, name);
        Assert.True(deletes == plan.DeleteJobs.Contains(running), name);
        Assert.True(!creates == plan.Events.Any(e => e.Reason == "JobAlreadyActive") || policy != "Forbid", name);
    }

    [Fact]
    public void Starting_deadline_limits_catch_up_and_too_many_missed_warns()
    {
        var now = Created.AddDays(1);

        var lenient = Plan(NewCronJob(), now);
        Assert.Contains(lenient.Events, e => e.Reason == "TooManyMissedTimes");
        Assert.NotNull(lenient.Create);

        var strict = Plan(NewCronJob(deadline: 60), now.AddMinutes(2));
        Assert.DoesNotContain(strict.Events, e => e.Reason == "TooManyMissedTimes");
        Assert.Null(strict.Create);
    }

    [Fact]
    public void Finished_jobs_leave_active_update_lastSuccessfulTime_and_are_trimmed_to_history_limits()
    {
        var done = NewJob("report-1", "Complete", startMinute: 1);
        var older = NewJob("report-0", "Complete", startMinute: 0);
        var f1 = NewJob("report-f1", "Failed", startMinute: 2);
        var f2 = NewJob("report-f2", "Failed", startMinute: 3);
        var cj = NewCronJob(lastSchedule: Created.AddMinutes(5), active: done);
        cj.Spec.SuccessfulJobsHistoryLimit = 1;

        var plan = Plan(cj, Created.AddMinutes(6), done, older, f1, f2);

        Assert.Empty(plan.Status.Active);
        Assert.Equal(Created.AddMinutes(2).UtcDateTime, plan.Status.LastSuccessfulTime);
        Assert.Equal(["report-0", "report-f1"], plan.DeleteJobs.Select(j => j.Metadata.Name));
        Assert.Contains(plan.Events, e => e.Reason == "SawCompletedJob" && e.Message == "Saw completed job: report-1, condition: Complete");
        Assert.True(plan.StatusChanged);
    }

    [Fact]
    public void Missing_active_job_is_dropped()
    {
        var gone = NewJob("report-gone");
        var plan = CronJobPlanner.Compute(NewCronJob(lastSchedule: Created.AddMinutes(5), active: gone), [], new HashSet<string> { "uid-report-gone" }, Created.AddMinutes(6));

        Assert.Empty(plan.Status.Active);
        Assert.Contains(plan.Events, e => e.Reason == "MissingJob");
    }

    [Theory]
    [InlineData("Europe/Nowhere", "* * * * *", "UnknownTimeZone")]
    [InlineData("Europe/Berlin", "TZ=UTC * * * * *", "UnparseableSchedule")]
    [InlineData(null, "61 * * * *", "UnparseableSchedule")]
    public void Bad_time_zones_and_schedules_are_reported(string? zone, string schedule, string reason)
    {
        var cj = NewCronJob(schedule);
        cj.Spec.TimeZone = zone;

        var plan = Plan(cj, Created.AddHours(1));

        Assert.Null(plan.Create);
        Assert.Contains(plan.Events, e => e.Reason == reason && e.Type == "Warning");
    }

    [Fact]
    public void Suspended_cronjob_creates_nothing()
    {
        var cj = NewCronJob();
        cj.Spec.Suspend = true;

        Assert.Null(Plan(cj, Created.AddHours(1)).Create);
    }

    [Fact]
    public void TimeZone_sets_the_schedule_and_the_annotation_offset()
    {
        var cj = NewCronJob("0 9 * * *");
        cj.Spec.TimeZone = "Asia/Tokyo";

        var job = Plan(cj, new DateTimeOffset(2026, 11, 23, 0, 0, 5, TimeSpan.Zero)).Create!;

        Assert.Equal("2026-11-23T09:00:00+09:00", job.Metadata.Annotations[CronJobs.ScheduledTimestampAnnotation]);
    }
}
