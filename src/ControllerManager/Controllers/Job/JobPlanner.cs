namespace Orchestrator.ControllerManager.Controllers.Job;

/// <summary>
/// Decides one sync of a Job (upstream syncJob + manageJob), as a pure function of the Job, the pods
/// it controls and the clock. Pod failure policies, success policies and backoffLimitPerIndex are
/// not supported (the API server rejects nothing, so the controller fails loudly on them instead).
/// </summary>
internal static class JobPlanner
{
    /// <param name="job">The Job as cached; not modified.</param>
    /// <param name="pods">Every pod the Job controls, terminal ones included.</param>
    /// <param name="expectedFinalizerRemovals">UIDs whose finalizer removal was issued but not yet observed.</param>
    /// <param name="expectationsSatisfied">False while earlier creates/deletes are not yet in the cache: then no pods are created or deleted.</param>
    public static JobPlan Compute(
        V1Job job, IReadOnlyList<V1Pod> pods, IReadOnlySet<string> expectedFinalizerRemovals, bool expectationsSatisfied, DateTimeOffset now)
    {
        var original = job.Status ?? new V1JobStatus();
        var status = KubernetesJson.Deserialize<V1JobStatus>(KubernetesJson.Serialize(original));
        var events = new List<JobEvent>();
        var tracked = pods.Where(p => JobPods.HasTrackingFinalizer(p) && !expectedFinalizerRemovals.Contains(p.Metadata.Uid)).ToList();
        var uidsWithFinalizer = tracked.Select(p => p.Metadata.Uid).ToHashSet();

        if (JobConditions.IsFinished(job))
        {
            // Finished Jobs only release the pods that still carry the finalizer.
            return JobPlan.Nothing(status) with { RemoveFinalizer = tracked, UidsWithFinalizer = uidsWithFinalizer };
        }

        var changed = JobStatusTracking.CountReleased(status, uidsWithFinalizer);
        status.UncountedTerminatedPods ??= new V1UncountedTerminatedPods();
        var uncountedSucceeded = (status.UncountedTerminatedPods.Succeeded ?? []).ToHashSet();
        var uncountedFailed = (status.UncountedTerminatedPods.Failed ?? []).ToHashSet();
        var indexed = JobPods.IsIndexed(job);
        var completions = job.Spec.Completions;
        bool ValidIndex(V1Pod p) => !indexed || (JobPods.CompletionIndex(p) is var i && i >= 0 && i < completions);

        var active = pods.Where(PodState.IsActive).ToList();
        var ready = active.Count(PodState.IsReady);
        var terminating = pods.Count(PodState.IsTerminating);
        var newlySucceeded = tracked.Where(p => !uncountedSucceeded.Contains(p.Metadata.Uid) && ValidIndex(p) && JobPods.IsSucceeded(p)).ToList();
        var newlyFailed = tracked.Where(p => !uncountedFailed.Contains(p.Metadata.Uid) && ValidIndex(p) && JobPods.IsFailed(p)).ToList();
        var succeeded = (status.Succeeded ?? 0) + newlySucceeded.Count + uncountedSucceeded.Count;
        var failed = (status.Failed ?? 0) + newlyFailed.Count + uncountedFailed.Count;
        var suspended = job.Spec.Suspend == true;

        if (status.StartTime is null && !suspended)
        {
            status.StartTime = now.UtcDateTime;
        }

        TimeSpan? requeue = null;
        var finished = FinishedCondition(job, status, pods, failed, suspended, now, ref requeue);

        var previousIndexes = indexed ? IndexSet.Parse(status.CompletedIndexes, completions ?? 0) : [];
        var succeededIndexes = new SortedSet<int>(previousIndexes);
        if (indexed)
        {
            succeededIndexes.UnionWith(tracked.Where(p => JobPods.IsSucceeded(p) && ValidIndex(p)).Select(JobPods.CompletionIndex));
            succeeded = succeededIndexes.Count;
        }

        var create = new List<V1Pod>();
        var delete = new List<V1Pod>();
        var deleteWithoutFinalizer = false;
        int activeCount;
        if (finished is not null)
        {
            // A finishing Job deletes its active pods; their finalizers go once they count as failed.
            delete.AddRange(active);
            terminating += active.Count;
            ready -= active.Count(PodState.IsReady);
            activeCount = 0;
        }
        else if (expectationsSatisfied && job.Metadata.DeletionTimestamp is null)
        {
            var manage = JobPodManager.Manage(job, active, pods, succeeded, succeededIndexes, suspended, now);
            create.AddRange(manage.Create);
            delete.AddRange(manage.Delete);
            deleteWithoutFinalizer = true;
            terminating += manage.Delete.Count;
            ready -= manage.Delete.Count(PodState.IsReady);
            requeue = Min(requeue, manage.RetryAfter);
            activeCount = active.Count - manage.Delete.Count + manage.Create.Count;
            var complete = completions is null ? succeeded > 0 && activeCount == 0 : succeeded >= completions && activeCount == 0;
            if (complete)
            {
                finished = JobConditions.New(JobConstants.SuccessCriteriaMet, "CompletionsReached", "Reached expected number of succeeded pods", now);
            }
            else
            {
                changed |= UpdateSuspendCondition(status, suspended, now, events);
            }
        }
        else
        {
            activeCount = active.Count;
        }

        changed |= (status.Active ?? 0) != activeCount;
        status.Active = activeCount;
        changed |= status.Ready != ready;
        status.Ready = ready;
        changed |= status.Terminating != terminating;
        status.Terminating = terminating;

        // Record newly finished pods as uncounted, and choose whose finalizer to remove.
        var removeFinalizer = new List<V1Pod>();
        var newIndexes = new List<int>();
        var failing = finished is not null && finished.Type is JobConstants.FailureTarget or JobConstants.Failed;
        foreach (var pod in tracked)
        {
            var podFailed = JobPods.IsFailed(pod);
            var canRemove = job.Metadata.DeletionTimestamp is not null || finished is not null || JobPods.IsSucceeded(pod) || podFailed;
            if (!canRemove)
            {
                continue;
            }

            removeFinalizer.Add(pod);
            var uid = pod.Metadata.Uid;
            if (JobPods.IsSucceeded(pod) && !uncountedFailed.Contains(uid))
            {
                if (indexed)
                {
                    var index = JobPods.CompletionIndex(pod);
                    if (index >= 0 && index < completions && !previousIndexes.Contains(index))
                    {
                        newIndexes.Add(index);
                    }
                }
                else if (uncountedSucceeded.Add(uid))
                {
                    changed = true;
                }
            }
            else if ((podFailed || failing) && ValidIndex(pod) && uncountedFailed.Add(uid))
            {
                changed = true;
            }
        }

        status.UncountedTerminatedPods.Succeeded = [.. uncountedSucceeded];
        status.UncountedTerminatedPods.Failed = [.. uncountedFailed];
        if (indexed)
        {
            var text = IndexSet.Format(previousIndexes.Concat(newIndexes));
            changed |= text != (original.CompletedIndexes ?? "");
            status.CompletedIndexes = text;
            status.Succeeded = IndexSet.Parse(text, completions ?? 0).Count;
        }

        // The interim condition is written before any finalizer goes; the terminal one follows.
        if (finished is { Type: JobConstants.FailureTarget or JobConstants.SuccessCriteriaMet } interim)
        {
            if (!JobConditions.IsTrue(status.Conditions, interim.Type))
            {
                status.Conditions = JobConditions.Ensure(status.Conditions, interim.Type, "True", interim.Reason, interim.Message, now);
                changed = true;
            }

            finished = JobConditions.New(
                interim.Type == JobConstants.FailureTarget ? JobConstants.Failed : JobConstants.Complete,
                interim.Reason ?? "",
                interim.Message ?? "",
                now);
        }

        changed |= status.StartTime != original.StartTime;
        return new JobPlan(create, delete, deleteWithoutFinalizer, removeFinalizer, status, changed, uidsWithFinalizer, finished, events, requeue);
    }

    private static V1JobCondition? FinishedCondition(
        V1Job job, V1JobStatus status, IReadOnlyList<V1Pod> pods, int failed, bool suspended, DateTimeOffset now, ref TimeSpan? requeue)
    {
        if (JobConditions.Find(status.Conditions, JobConstants.SuccessCriteriaMet) is { Status: "True" } met)
        {
            return JobConditions.New(JobConstants.Complete, met.Reason ?? "", met.Message ?? "", now);
        }

        if (JobConditions.Find(status.Conditions, JobConstants.FailureTarget) is { Status: "True" } target)
        {
            return JobConditions.New(JobConstants.Failed, target.Reason ?? "", target.Message ?? "", now);
        }

        if (failed > (job.Spec.BackoffLimit ?? 6) || PastBackoffLimitOnFailure(job, pods))
        {
            return JobConditions.New(JobConstants.FailureTarget, JobConstants.BackoffLimitExceeded, "Job has reached the specified backoff limit", now);
        }

        if (job.Spec.ActiveDeadlineSeconds is { } deadline && status.StartTime is { } start && !suspended)
        {
            var remaining = TimeSpan.FromSeconds(deadline) - (now - new DateTimeOffset(DateTime.SpecifyKind(start, DateTimeKind.Utc)));
            if (remaining <= TimeSpan.Zero)
            {
                return JobConditions.New(JobConstants.FailureTarget, JobConstants.DeadlineExceeded, "Job was active longer than specified deadline", now);
            }

            requeue = remaining;
        }

        return null;
    }

    /// <summary>For restartPolicy OnFailure: container restarts of running pods count against the backoff limit.</summary>
    private static bool PastBackoffLimitOnFailure(V1Job job, IReadOnlyList<V1Pod> pods)
    {
        if (job.Spec.Template.Spec.RestartPolicy != "OnFailure")
        {
            return false;
        }

        var restarts = pods
            .Where(p => p.Status?.Phase is "Running" or "Pending")
            .Sum(p => (p.Status!.InitContainerStatuses ?? []).Sum(s => s.RestartCount) + (p.Status.ContainerStatuses ?? []).Sum(s => s.RestartCount));
        var limit = job.Spec.BackoffLimit ?? 6;
        return limit == 0 ? restarts > 0 : restarts >= limit;
    }

    private static bool UpdateSuspendCondition(V1JobStatus status, bool suspended, DateTimeOffset now, List<JobEvent> events)
    {
        var before = JobConditions.Find(status.Conditions, JobConstants.Suspended);
        if (suspended)
        {
            status.Conditions = JobConditions.Ensure(status.Conditions, JobConstants.Suspended, "True", "JobSuspended", "Job suspended", now);
            if (before?.Status != "True")
            {
                events.Add(new JobEvent("Normal", "Suspended", "Job suspended"));
                return true;
            }

            return false;
        }

        if (before is null || before.Status == "False")
        {
            return false;
        }

        status.Conditions = JobConditions.Ensure(status.Conditions, JobConstants.Suspended, "False", "JobResumed", "Job resumed", now);
        events.Add(new JobEvent("Normal", "Resumed", "Job resumed"));

        // The active deadline counts continuous activity, so a resumed Job starts its clock again.
        status.StartTime = now.UtcDateTime;
        return true;
    }

    private static TimeSpan? Min(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
