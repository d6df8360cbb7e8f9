namespace Orchestrator.ControllerManager.Controllers.CronJob;

/// <summary>
/// The CronJob controller (upstream cronjob_controllerv2): creates a Job per schedule time, named
/// after that time so a restart never creates it twice, keeps status.active/lastScheduleTime/
/// lastSuccessfulTime, trims finished Jobs to the history limits and sleeps until the next schedule
/// time. The schedule is evaluated in spec.timeZone, else UTC.
/// </summary>
internal sealed class CronJobController : ReconcilingController
{
    private readonly IInformer<V1CronJob> _cronJobs;
    private readonly IInformer<V1Job> _jobs;
    private readonly StatusWriter<V1CronJob, V1CronJobStatus> _status;

    public CronJobController(ControllerContext context)
        : base(context, "cronjob-controller")
    {
        _status = new(o => o.Status, (o, status) => o.Status = status, (cronJob, ct) => context.Client.BatchV1.ReplaceNamespacedCronJobStatusAsync(cronJob, cronJob.Metadata.Name, cronJob.Metadata.NamespaceProperty, cancellationToken: ct));
        _cronJobs = Runner.Watch(context.Informers.CronJobs());
        _jobs = Runner.Watch(context.Informers.Jobs(), ResourceEventHandler<V1Job>.ForEach(OnJob));
    }

    public override async Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken ct)
    {
        var cronJob = _cronJobs.Cache.Get(key);
        if (cronJob is null)
        {
            return ReconcileResult.Done;
        }

        var jobs = _jobs.Cache.ControlledBy(cronJob.Metadata);
        var missing = await MissingActiveAsync(cronJob, jobs, ct);
        var plan = CronJobPlanner.Compute(cronJob, jobs, missing, Context.Time.GetUtcNow());

        foreach (var job in plan.DeleteJobs)
        {
            try
            {
                await Context.Client.BatchV1.DeleteNamespacedJobAsync(
                    job.Metadata.Name, job.Metadata.NamespaceProperty, new V1DeleteOptions { PropagationPolicy = "Background" }, cancellationToken: ct);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
            }
        }

        var status = plan.Status;
        if (plan.Create is { } request)
        {
            var created = await CreateJobAsync(cronJob, request, ct);
            if (created is not null && status.Active.All(r => r.Uid != created.Metadata.Uid))
            {
                status.Active.Add(ObjectReferences.For(created));
            }
        }

        foreach (var e in plan.Events)
        {
            Context.Events.Record(cronJob, e.Type, e.Reason, e.Message);
        }

        if (plan.StatusChanged)
        {
            await _status.WriteAsync(cronJob, status, ct);
        }

        return new ReconcileResult(plan.RequeueAfter);
    }

    /// <summary>Creates the Job; an existing one of that name counts only if this CronJob controls it.</summary>
    private async Task<V1Job?> CreateJobAsync(V1CronJob cronJob, V1Job request, CancellationToken ct)
    {
        var ns = cronJob.Metadata.NamespaceProperty;
        try
        {
            var created = await Context.Client.BatchV1.CreateNamespacedJobAsync(request, ns, cancellationToken: ct);
            Context.Events.Record(cronJob, "Normal", "SuccessfulCreate", "Created job " + created.Metadata.Name);
            return created;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            var existing = await Context.Client.BatchV1.ReadNamespacedJobAsync(request.Metadata.Name, ns, cancellationToken: ct);
            return OwnerReferences.IsControlledBy(existing.Metadata, cronJob.Metadata) ? existing : null;
        }
        catch (HttpOperationException e)
        {
            Context.Events.Record(cronJob, "Warning", "FailedCreate", "Error creating job: " + e.Message);
            throw;
        }
    }

    /// <summary>Active Jobs absent from the cache, checked against the API server (the watch may lag).</summary>
    private async Task<HashSet<string>> MissingActiveAsync(V1CronJob cronJob, List<V1Job> jobs, CancellationToken ct)
    {
        var missing = new HashSet<string>();
        foreach (var reference in cronJob.Status?.Active ?? [])
        {
            if (jobs.Any(j => j.Metadata.Uid == reference.Uid))
            {
                continue;
            }

            try
            {
                var job = await Context.Client.BatchV1.ReadNamespacedJobAsync(reference.Name, reference.NamespaceProperty ?? cronJob.Metadata.NamespaceProperty, cancellationToken: ct);
                if (job.Metadata.Uid != reference.Uid)
                {
                    missing.Add(reference.Uid);
                }
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                missing.Add(reference.Uid);
            }
        }

        return missing;
    }

    private void OnJob(V1Job job)
    {
        if (OwnerReferences.ControllerName(job.Metadata, "CronJob") is { } name)
        {
            Runner.Enqueue(new NamespacedName(job.Metadata.NamespaceProperty ?? "", name));
        }
    }
}
