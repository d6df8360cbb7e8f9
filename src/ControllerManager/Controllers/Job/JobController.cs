using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Orchestrator.Client;
using Orchestrator.ControllerManager.Controllers.Workloads;

namespace Orchestrator.ControllerManager.Controllers.Job;

/// <summary>
/// The Job controller (upstream pkg/controller/job) with the TTL-after-finished cleanup folded in.
/// Pods are tracked with the <c>batch.kubernetes.io/job-tracking</c> finalizer, so a finished pod is
/// counted exactly once even if it is deleted right after finishing. Orphan pods matching a Job's
/// selector are not adopted: only pods whose controller reference names the Job are considered.
/// </summary>
internal sealed partial class JobController : IController, IReconciler
{
    private const string ManagedByDefault = "kubernetes.io/job-controller";
    private readonly ControllerContext _context;
    private readonly ControllerRunner _runner;
    private readonly IInformer<V1Job> _jobs;
    private readonly IInformer<V1Pod> _pods;
    private readonly Expectations<NamespacedName> _expectations;
    private readonly UidExpectations<NamespacedName> _finalizerRemovals = new();
    private readonly ILogger _logger;

    public JobController(ControllerContext context)
    {
        _context = context;
        _logger = context.Loggers.CreateLogger<JobController>();
        _expectations = new Expectations<NamespacedName>(context.Time);
        _runner = new ControllerRunner(this, context, workers: 2);
        _jobs = context.Informers.Jobs();
        _pods = context.Informers.Pods();
        _jobs.AddHandler(new ResourceEventHandler<V1Job>(
            _runner.Enqueue,
            (_, job) => _runner.Enqueue(job),
            job =>
            {
                _expectations.Forget(NamespacedName.Of(job));
                _finalizerRemovals.Forget(NamespacedName.Of(job));
            }));
        _pods.AddHandler(new ResourceEventHandler<V1Pod>(OnPodAdded, OnPodUpdated, OnPodDeleted));
    }

    public string Name => "job-controller";

    public Task RunAsync(CancellationToken ct) => _runner.RunAsync([_jobs.WaitForSyncAsync, _pods.WaitForSyncAsync], ct);

    public async Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken ct)
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
            return ReconcileResult.Done;
        }

        if (job.Spec.ManagedBy is { } managedBy && managedBy != ManagedByDefault)
        {
            return ReconcileResult.Done;
        }

        RejectUnsupported(job);
        var now = _context.Time.GetUtcNow();
        var pods = _pods.Cache.ByIndex(Indexes.OwnerUid, job.Metadata.Uid)
            .Where(p => OwnerReferences.IsControlledBy(p.Metadata, job.Metadata))
            .ToList();

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
            current = await WriteStatusAsync(job, plan.Status, ct);
        }

        var released = await RemoveFinalizersAsync(key, plan.RemoveFinalizer, ct);
        var withFinalizer = plan.UidsWithFinalizer.Where(uid => !released.Contains(uid)).ToHashSet();
        var (status, finished) = JobStatusTracking.Finish(plan.Status, withFinalizer, plan.FinishedCondition, now);
        if (!SameStatus(status, plan.Status) || (!plan.StatusChanged && finished))
        {
            current = await WriteStatusAsync(current, status, ct);
        }

        foreach (var e in plan.Events)
        {
            _context.Events.Record(job, e.Type, e.Reason, e.Message);
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
                _context.Events.Record(job, "Warning", "TooManySucceededPods", "Too many succeeded pods running after completion count reached");
            }

            _context.Events.Record(job, "Normal", "Completed", "Job completed");
        }
        else
        {
            _context.Events.Record(job, "Warning", condition.Reason ?? JobConstants.Failed, condition.Message ?? "");
        }

        LogFinished(job.Metadata.NamespaceProperty, job.Metadata.Name, condition.Type);
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
            await _context.Client.BatchV1.DeleteNamespacedJobAsync(
                job.Metadata.Name,
                job.Metadata.NamespaceProperty,
                new V1DeleteOptions { PropagationPolicy = "Background", Preconditions = new V1Preconditions { Uid = job.Metadata.Uid } },
                cancellationToken: ct);
            LogExpired(job.Metadata.NamespaceProperty, job.Metadata.Name);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            // Already gone, or replaced by a new Job of the same name.
        }

        return ReconcileResult.Done;
    }

    private async Task DeletePodsAsync(NamespacedName key, V1Job job, JobPlan plan, CancellationToken ct)
    {
        if (plan.Delete.Count == 0)
        {
            return;
        }

        _expectations.ExpectDeletions(key, plan.Delete.Count);
        Exception? failure = null;
        foreach (var pod in plan.Delete)
        {
            try
            {
                if (plan.DeleteWithoutFinalizer && JobPods.HasTrackingFinalizer(pod))
                {
                    await RemoveFinalizersAsync(key, [pod], ct);
                }

                await _context.Client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: ct);
                _context.Events.Record(job, "Normal", "SuccessfulDelete", "Deleted pod: " + pod.Metadata.Name);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                _expectations.DeletionObserved(key);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _expectations.DeletionObserved(key);
                _context.Events.Record(job, "Warning", "FailedDelete", $"Error deleting: {e.Message}");
                failure ??= e;
            }
        }

        if (failure is not null)
        {
            throw new InvalidOperationException($"deleting pods of job {key}", failure);
        }
    }

    /// <summary>Creates pods in slow-start batches (1, 2, 4, …); a failing batch stops the rest.</summary>
    private async Task CreatePodsAsync(NamespacedName key, V1Job job, IReadOnlyList<V1Pod> pods, CancellationToken ct)
    {
        if (pods.Count == 0)
        {
            return;
        }

        _expectations.ExpectCreations(key, pods.Count);
        var next = 0;
        for (var batch = 1; next < pods.Count; batch *= 2)
        {
            var chunk = pods.Skip(next).Take(batch).ToList();
            next += chunk.Count;
            var results = await Task.WhenAll(chunk.Select(pod => CreatePodAsync(key, job, pod, ct)));
            var failure = results.FirstOrDefault(e => e is not null);
            if (failure is not null)
            {
                for (var skipped = next; skipped < pods.Count; skipped++)
                {
                    _expectations.CreationObserved(key);
                }

                throw new InvalidOperationException($"creating pods of job {key}", failure);
            }
        }
    }

    private async Task<Exception?> CreatePodAsync(NamespacedName key, V1Job job, V1Pod pod, CancellationToken ct)
    {
        try
        {
            var created = await _context.Client.CoreV1.CreateNamespacedPodAsync(pod, job.Metadata.NamespaceProperty, cancellationToken: ct);
            _context.Events.Record(job, "Normal", "SuccessfulCreate", "Created pod: " + created.Metadata.Name);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _expectations.CreationObserved(key);
            _context.Events.Record(job, "Warning", "FailedCreate", $"Error creating: {e.Message}");
            return e;
        }
    }

    /// <summary>Removes the tracking finalizer; returns the UIDs released (a vanished pod counts as released).</summary>
    private async Task<HashSet<string>> RemoveFinalizersAsync(NamespacedName key, IReadOnlyList<V1Pod> pods, CancellationToken ct)
    {
        var released = new HashSet<string>();
        if (pods.Count == 0)
        {
            return released;
        }

        _finalizerRemovals.Expect(key, pods.Select(p => p.Metadata.Uid));
        var patch = new V1Patch(
            $$$"""{"metadata":{"$deleteFromPrimitiveList/finalizers":["{{{JobConstants.TrackingFinalizer}}}"]}}""",
            V1Patch.PatchType.StrategicMergePatch);
        Exception? failure = null;
        foreach (var pod in pods)
        {
            try
            {
                await _context.Client.CoreV1.PatchNamespacedPodAsync(patch, pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: ct);
                released.Add(pod.Metadata.Uid);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                _finalizerRemovals.Observed(key, pod.Metadata.Uid);
                released.Add(pod.Metadata.Uid);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _finalizerRemovals.Observed(key, pod.Metadata.Uid);
                failure ??= e;
            }
        }

        if (failure is not null)
        {
            throw new InvalidOperationException($"removing tracking finalizers of job {key}", failure);
        }

        return released;
    }

    private async Task<V1Job> WriteStatusAsync(V1Job job, V1JobStatus status, CancellationToken ct)
    {
        var copy = ObjectCopy.Deep(job);
        copy.ApiVersion = "batch/v1";
        copy.Kind = "Job";
        copy.Status = status;
        return await _context.Client.BatchV1.ReplaceNamespacedJobStatusAsync(copy, job.Metadata.Name, job.Metadata.NamespaceProperty, cancellationToken: ct);
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
            _context.Events.Record(job, "Warning", "UnsupportedField", $"{field} is not supported by this controller");
            throw new TerminalException($"job {job.Metadata.NamespaceProperty}/{job.Metadata.Name}: {field} is not supported");
        }
    }

    private NamespacedName? JobOf(V1Pod pod) =>
        OwnerReferences.ControllerName(pod.Metadata, "Job") is { } name ? new NamespacedName(pod.Metadata.NamespaceProperty ?? "", name) : null;

    private void OnPodAdded(V1Pod pod)
    {
        if (JobOf(pod) is not { } key)
        {
            return;
        }

        _expectations.CreationObserved(key);
        _runner.Enqueue(key);
    }

    private void OnPodUpdated(V1Pod old, V1Pod pod)
    {
        if (JobOf(pod) is not { } key)
        {
            return;
        }

        if (!JobPods.HasTrackingFinalizer(pod))
        {
            _finalizerRemovals.Observed(key, pod.Metadata.Uid);
        }

        if (old.Metadata.DeletionTimestamp is null && pod.Metadata.DeletionTimestamp is not null)
        {
            _expectations.DeletionObserved(key);
        }

        _runner.Enqueue(key);
    }

    private void OnPodDeleted(V1Pod pod)
    {
        if (JobOf(pod) is not { } key)
        {
            return;
        }

        _finalizerRemovals.Observed(key, pod.Metadata.Uid);
        if (pod.Metadata.DeletionTimestamp is null)
        {
            _expectations.DeletionObserved(key);
        }

        _runner.Enqueue(key);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Namespace}/{Name} finished: {Condition}")]
    private partial void LogFinished(string @namespace, string name, string condition);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Namespace}/{Name} deleted: ttlSecondsAfterFinished expired")]
    private partial void LogExpired(string @namespace, string name);
}
