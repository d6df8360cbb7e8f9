using k8s.Models;
using Orchestrator.ControllerManager.Controllers.Job;
using static Orchestrator.ControllerManager.Tests.Controllers.Job.JobFixtures;

namespace Orchestrator.ControllerManager.Tests.Controllers.Job;

public sealed class JobPlannerTests
{
    public static TheoryData<string, int?, int?, int, int, int> ActiveCases() => new()
    {
        // name, completions, parallelism, running pods, succeeded pods (counted), expected creates
        { "fresh job creates parallelism pods", 5, 2, 0, 0, 2 },
        { "never more than remaining completions", 5, 4, 0, 3, 2 },
        { "running pods fill parallelism", 5, 2, 2, 1, 0 },
        { "one slot free", 5, 2, 1, 2, 1 },
        { "all completions reached", 3, 2, 0, 3, 0 },
        { "work queue job (no completions) starts parallelism", null, 3, 0, 0, 3 },
        { "work queue job with a success starts nothing", null, 3, 1, 1, 0 },
    };

    [Theory]
    [MemberData(nameof(ActiveCases))]
    public void Creates_min_of_parallelism_and_remaining(string name, int? completions, int? parallelism, int running, int succeeded, int creates)
    {
        var job = NewJob(completions, parallelism, status: new V1JobStatus { StartTime = Now.UtcDateTime, Succeeded = succeeded });
        var pods = Enumerable.Range(0, running).Select(i => NewPod("r" + i)).ToArray();

        var plan = Plan(job, pods);

        Assert.True(creates == plan.Create.Count, name);
        Assert.Empty(plan.Delete);
    }

    [Fact]
    public void New_pods_carry_labels_finalizer_owner_and_generate_name()
    {
        var pod = Assert.Single(Plan(NewJob()).Create);

        Assert.Equal("pi-", pod.Metadata.GenerateName);
        Assert.Equal("job-uid", pod.Metadata.Labels[JobConstants.ControllerUidLabel]);
        Assert.Equal("pi", pod.Metadata.Labels[JobConstants.JobNameLabel]);
        Assert.Equal("job-uid", pod.Metadata.Labels["controller-uid"]);
        Assert.Equal("pi", pod.Metadata.Labels["job-name"]);
        Assert.Equal("pi", pod.Metadata.Labels["app"]);
        Assert.Contains(JobConstants.TrackingFinalizer, pod.Metadata.Finalizers);
        var owner = Assert.Single(pod.Metadata.OwnerReferences);
        Assert.Equal(("batch/v1", "Job", "pi", "job-uid", true), (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid, owner.Controller == true));
    }

    [Fact]
    public void Indexed_pods_get_index_annotation_label_hostname_and_lowest_free_indexes()
    {
        var job = NewJob(completions: 4, parallelism: 2, indexed: true, status: new V1JobStatus { StartTime = Now.UtcDateTime, CompletedIndexes = "0", Succeeded = 1 });

        var plan = Plan(job, NewPod("pi-1-abc", index: 1));

        var pod = Assert.Single(plan.Create);
        Assert.Equal("2", pod.Metadata.Annotations[JobConstants.CompletionIndexAnnotation]);
        Assert.Equal("2", pod.Metadata.Labels[JobConstants.CompletionIndexLabel]);
        Assert.Equal("pi-2", pod.Spec.Hostname);
        Assert.Equal("pi-2-", pod.Metadata.GenerateName);
    }

    [Fact]
    public void Succeeded_pod_is_recorded_uncounted_then_counted_when_its_finalizer_goes()
    {
        var job = NewJob(completions: 2, parallelism: 1);
        var done = NewPod("a", phase: "Succeeded");

        var plan = Plan(job, done);

        Assert.Equal(["uid-a"], plan.Status.UncountedTerminatedPods.Succeeded);
        Assert.Equal(0, plan.Status.Succeeded ?? 0);
        Assert.Equal([done], plan.RemoveFinalizer);
        Assert.True(plan.StatusChanged);
        var (finished, _) = JobStatusTracking.Finish(plan.Status, new HashSet<string>(), plan.FinishedCondition, Now);
        Assert.Equal(1, finished.Succeeded);
        Assert.Empty(finished.UncountedTerminatedPods.Succeeded);
        Assert.Single(plan.Create);
    }

    [Fact]
    public void Completion_adds_SuccessCriteriaMet_then_Complete_with_completion_time()
    {
        var job = NewJob(completions: 2, parallelism: 2, status: new V1JobStatus { StartTime = Now.UtcDateTime, Succeeded = 1 });

        var plan = Plan(job, NewPod("b", phase: "Succeeded"));

        var interim = Assert.Single(plan.Status.Conditions);
        Assert.Equal(("SuccessCriteriaMet", "CompletionsReached"), (interim.Type, interim.Reason));
        Assert.Equal(JobConstants.Complete, plan.FinishedCondition!.Type);
        var (status, done) = JobStatusTracking.Finish(plan.Status, new HashSet<string>(), plan.FinishedCondition, Now);
        Assert.True(done);
        Assert.Equal(2, status.Succeeded);
        Assert.Contains(status.Conditions, c => c is { Type: "Complete", Status: "True", Reason: "CompletionsReached", Message: "Reached expected number of succeeded pods" });
        Assert.Equal(Now.UtcDateTime, status.CompletionTime);
    }

    public static TheoryData<string, int, int, bool> BackoffCases() => new()
    {
        // name, backoffLimit, already failed, expect FailureTarget
        { "first failure within limit", 2, 0, false },
        { "reaching the limit is fine", 2, 1, false },
        { "exceeding the limit fails the job", 2, 2, true },
        { "backoffLimit 0 fails on the first failure", 0, 0, true },
    };

    [Theory]
    [MemberData(nameof(BackoffCases))]
    public void Failed_pods_beyond_backoffLimit_fail_the_job(string name, int limit, int alreadyFailed, bool fails)
    {
        var job = NewJob(completions: 3, parallelism: 2, backoffLimit: limit, status: new V1JobStatus { StartTime = Now.UtcDateTime, Failed = alreadyFailed });
        var running = NewPod("run", ready: true);

        var plan = Plan(job, NewPod("bad", phase: "Failed"), running);

        Assert.True(fails == (plan.FinishedCondition?.Type == JobConstants.Failed), name);
        if (fails)
        {
            Assert.Contains(plan.Status.Conditions, c => c is { Type: "FailureTarget", Reason: "BackoffLimitExceeded", Message: "Job has reached the specified backoff limit" });
            Assert.Equal([running], plan.Delete);
            Assert.Equal(0, plan.Status.Active);
            Assert.Empty(plan.Create);
        }
        else
        {
            Assert.DoesNotContain(plan.Status.Conditions ?? [], c => c.Type == "FailureTarget");
        }
    }

    [Fact]
    public void Failed_condition_waits_for_terminating_pods()
    {
        var job = NewJob(completions: 3, parallelism: 2, backoffLimit: 0);
        job.Status.Failed = 1;
        job.Status.Conditions = [JobConditions.New("FailureTarget", "BackoffLimitExceeded", "Job has reached the specified backoff limit", Now)];

        var plan = Plan(job, NewPod("dying", deleting: true));

        Assert.Equal(["uid-dying"], plan.Status.UncountedTerminatedPods.Failed);
        var (status, done) = JobStatusTracking.Finish(plan.Status, new HashSet<string>(), plan.FinishedCondition, Now);
        Assert.False(done);
        Assert.Equal(2, status.Failed);

        var (after, finished) = JobStatusTracking.Finish(Plan(job with { Status = status }).Status, new HashSet<string>(), JobConditions.New("Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit", Now), Now);
        Assert.True(finished);
        Assert.Contains(after.Conditions, c => c is { Type: "Failed", Status: "True", Reason: "BackoffLimitExceeded" });
        Assert.Null(after.CompletionTime);
    }

    public static TheoryData<string, long, int, bool, double?> DeadlineCases() => new()
    {
        // name, activeDeadlineSeconds, seconds since start, fails, requeue seconds
        { "within the deadline requeues for the rest", 100, 40, false, 60 },
        { "past the deadline fails", 100, 100, true, null },
    };

    [Theory]
    [MemberData(nameof(DeadlineCases))]
    public void ActiveDeadlineSeconds(string name, long deadline, int elapsed, bool fails, double? requeue)
    {
        var job = NewJob(completions: 1, deadline: deadline, started: Now.AddSeconds(-elapsed));

        var plan = Plan(job, NewPod("run"));

        Assert.True(fails == (plan.Status.Conditions?.Any(c => c is { Type: "FailureTarget", Reason: "DeadlineExceeded", Message: "Job was active longer than specified deadline" }) ?? false), name);
        Assert.Equal(fails ? 1 : 0, plan.Delete.Count);
        Assert.Equal(requeue, plan.RequeueAfter?.TotalSeconds);
    }

    [Fact]
    public void Suspend_deletes_active_pods_and_sets_condition()
    {
        var job = NewJob(completions: 3, parallelism: 2, suspend: true);

        var plan = Plan(job, NewPod("a"), NewPod("b"));

        Assert.Equal(2, plan.Delete.Count);
        Assert.True(plan.DeleteWithoutFinalizer);
        Assert.Empty(plan.Create);
        Assert.Contains(plan.Status.Conditions, c => c is { Type: "Suspended", Status: "True", Reason: "JobSuspended" });
        Assert.Contains(plan.Events, e => e.Reason == "Suspended");
    }

    [Fact]
    public void Unsatisfied_expectations_create_nothing()
    {
        var plan = JobPlanner.Compute(NewJob(completions: 5, parallelism: 2), [], new HashSet<string>(), expectationsSatisfied: false, Now);

        Assert.Empty(plan.Create);
    }

    [Fact]
    public void Pods_whose_finalizer_removal_is_pending_are_not_counted_twice()
    {
        var job = NewJob(completions: 3, parallelism: 1, status: new V1JobStatus { StartTime = Now.UtcDateTime, Succeeded = 1 });
        var done = NewPod("a", phase: "Succeeded");

        var plan = JobPlanner.Compute(job, [done], new HashSet<string> { "uid-a" }, expectationsSatisfied: true, Now);

        Assert.Empty(plan.RemoveFinalizer);
        Assert.Empty(plan.Status.UncountedTerminatedPods.Succeeded);
        Assert.Equal(1, plan.Status.Succeeded);
    }

    [Fact]
    public void Indexed_completions_are_compressed_into_completedIndexes()
    {
        var job = NewJob(completions: 6, parallelism: 6, indexed: true, status: new V1JobStatus { StartTime = Now.UtcDateTime, CompletedIndexes = "0", Succeeded = 1 });

        var plan = Plan(job, NewPod("p1", "Succeeded", index: 1), NewPod("p2", "Succeeded", index: 2), NewPod("p4", "Succeeded", index: 4));

        Assert.Equal("0-2,4", plan.Status.CompletedIndexes);
        Assert.Equal(4, plan.Status.Succeeded);
        Assert.Equal(["3", "5"], plan.Create.Select(p => p.Metadata.Annotations[JobConstants.CompletionIndexAnnotation]));
    }

    [Fact]
    public void Excess_pods_are_deleted_not_ready_first()
    {
        var job = NewJob(completions: 5, parallelism: 1);

        var plan = Plan(job, NewPod("ready", ready: true), NewPod("pending", phase: "Pending"));

        Assert.Equal("pending", Assert.Single(plan.Delete).Metadata.Name);
    }

    [Fact]
    public void Failures_back_off_before_new_pods()
    {
        var job = NewJob(completions: 2, parallelism: 1, status: new V1JobStatus { StartTime = Now.UtcDateTime, Failed = 1 });

        // The failed pod finished 30 s ago; one failure backs off 10 s, two 20 s, three 40 s.
        Assert.Single(Plan(job, NewPod("f1", "Failed", finalizer: false)).Create);
        var plan = Plan(job, NewPod("f1", "Failed", finalizer: false), NewPod("f2", "Failed", finalizer: false), NewPod("f3", "Failed", finalizer: false));
        Assert.Empty(plan.Create);
        Assert.Equal(TimeSpan.FromSeconds(10), plan.RequeueAfter);
    }
}
