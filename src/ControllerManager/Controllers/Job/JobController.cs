namespace Orchestrator.ControllerManager.Controllers.Job;

/// <summary>
/// The Job controller (upstream pkg/controller/job) with the TTL-after-finished cleanup folded in.
/// Pods are tracked with the <c>batch.kubernetes.io/job-tracking</c> finalizer, so a finished pod is
/// counted exactly once even if it is deleted right after finishing. Orphan pods matching a Job's
/// selector are not adopted: only pods whose controller reference names the Job are considered.
/// </summary>
internal sealed partial class JobController : ReconcilingController
{
    private const string ManagedByDefault = "kubernetes.io/job-controller";
    private readonly IInformer<V1Job> _jobs;
    private readonly IInformer<V1Pod> _pods;
    private readonly Expectations<NamespacedName> _expectations;
    private readonly PodControl _podControl;
    private readonly UidExpectations<NamespacedName> _finalizerRemovals = new();
    private readonly StatusWriter<V1Job, V1JobStatus> _status;

    public JobController(ControllerContext context)
        : base(context, "job-controller")
    {
        _expectations = new Expectations<NamespacedName>(context.Time);
        _podControl = new PodControl(context, _expectations);
        _status = new(o => o.Status, (o, status) => o.Status = status, (job, ct) => context.Client.BatchV1.ReplaceNamespacedJobStatusAsync(job, job.Metadata.Name, job.Metadata.NamespaceProperty, cancellationToken: ct));
        _jobs = Runner.Watch(context.Informers.Jobs());
        _pods = Runner.Watch(context.Informers.Pods(), new ResourceEventHandler<V1Pod>(OnPodAdded, OnPodUpdated, OnPodDeleted));
    }

    public override async Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken ct)
    {
        var job = _jobs.Cache.Get(key);
        if (job is null)
        {
            // A deleted Job's pods must not keep the tracking finalizer, or they could never go away.
            var orphans = _pods.Cache.ListNamespace(key.Namespace)
                .Where(p => OwnerReferences.ControllerName(p.Metadata, "Job") == key.Name && JobPods.HasTrackingFinalizer(p))
                .ToList();
            await RemoveFinalizersAsync(key, orphans, ct);
            _expectations.Forget(key);
            _finalizerRemovals.Forget(key);
            return ReconcileResult.Done;
        }

        if (job.Spec.ManagedBy is { } managedBy && managedBy != ManagedByDefault)
        {
            return ReconcileResult.Done;
        }

        RejectUnsupported(job);
        var now = Context.Time.GetUtcNow();
        var pods = _pods.Cache.ControlledBy(job.Metadata);

        if (JobConditions.IsFinished(job))
        {
            await RemoveFinalizersAsync(key, pods.Where(JobPods.HasTrackingFinalizer).ToList(), ct);
            return await ExpireAsync(job, now, ct);
        }

        var plan = JobPlanner.Compute(job, pods, _finalizerRemovals.Pending(key), _expectations.Satisfied(key), now);
        await DeletePodsAsync(key, job, plan, ct);
        await CreatePodsAsync(key, job, plan.Create, ct);

        var current = job;
        if (plan.StatusChanged)
        {
            current = await _status.WriteAsync(job, plan.Status, ct);
        }

        var released = await RemoveFinalizersAsync(key, plan.RemoveFinalizer, ct);
        var withFinalizer = plan.UidsWithFinalizer.Where(uid => !released.Contains(uid)).ToHashSet();
        var (status, finished) = JobStatusTracking.Finish(plan.Status, withFinalizer, plan.FinishedCondition, now);
        if (!SameStatus(status, plan.Status) || (!plan.StatusChanged && finished))
        {
            current = await _status.WriteAsync(current, status, ct);
        }

        foreach (var e in plan.Events)
        {
            Context.Events.Record(job, e.Type, e.Reason, e.Message);
        }

        if (finished)
        {
            RecordFinished(current, plan.FinishedCondition!);
            return await ExpireAsync(current, now, ct);
        }

        return new ReconcileResult(plan.RequeueAfter);
    }

    private void RecordFinished(V1Job job, V1JobCondition condition)
    {
        if (condition.Type == JobConstants.Complete)
        {
            if (job.Spec.Completions is { } completions && job.Status.Succeeded > completions)
            {
                Context.Events.Record(job, "Warning", "TooManySucceededPods", "Too many succeeded pods running after completion count reached");
            }

            Context.Events.Record(job, "Normal", "Completed", "Job completed");
        }
        else
        {
            Context.Events.Record(job, "Warning", condition.Reason ?? JobConstants.Failed, condition.Message ?? "");
        }

        LogFinished(Logger, job.Metadata.NamespaceProperty, job.Metadata.Name, condition.Type);
    }

    /// <summary>Deletes a finished Job whose ttlSecondsAfterFinished passed, or asks to look again when it will.</summary>
    private async Task<ReconcileResult> ExpireAsync(V1Job job, DateTimeOffset now, CancellationToken ct)
    {
        if (TtlAfterFinished.Remaining(job, now) is not { } remaining)
        {
            return ReconcileResult.Done;
        }

        if (remaining > TimeSpan.Zero)
        {
            return new ReconcileResult(remaining);
        }

        try
        {
            await Context.Client.BatchV1.DeleteNamespacedJobAsync(
                job.Metadata.Name,
                job.Metadata.NamespaceProperty,
                new V1DeleteOptions { PropagationPolicy = "Background", Preconditions = new V1Preconditions { Uid = job.Metadata.Uid } },
                cancellationToken: ct);
            LogExpired(Logger, job.Metadata.NamespaceProperty, job.Metadata.Name);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            // Already gone, or replaced by a new Job of the same name.
        }

        return ReconcileResult.Done;
    }

    private static bool SameStatus(V1JobStatus a, V1JobStatus b) => KubernetesJson.Serialize(a) == KubernetesJson.Serialize(b);

    private void RejectUnsupported(V1Job job)
    {
        string? field = job.Spec.PodFailurePolicy is not null ? "spec.podFailurePolicy"
            : job.Spec.SuccessPolicy is not null ? "spec.successPolicy"
            : job.Spec.BackoffLimitPerIndex is not null ? "spec.backoffLimitPerIndex"
            : job.Spec.PodReplacementPolicy is { } policy && policy != "TerminatingOrFailed" ? "spec.podReplacementPolicy"
            : null;
        if (field is not null)
        {
            Context.Events.Record(job, "Warning", "UnsupportedField", $"{field} is not supported by this controller");
            throw new TerminalException($"job {job.Metadata.NamespaceProperty}/{job.Metadata.Name}: {field} is not supported");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Namespace}/{Name} finished: {Condition}")]
    private static partial void LogFinished(ILogger logger, string @namespace, string name, string condition);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Namespace}/{Name} deleted: ttlSecondsAfterFinished expired")]
    private static partial void LogExpired(ILogger logger, string @namespace, string name);
}
