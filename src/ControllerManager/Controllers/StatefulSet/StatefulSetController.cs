namespace Orchestrator.ControllerManager.Controllers.StatefulSet;

/// <summary>
/// The StatefulSet controller (upstream pkg/controller/statefulset). Pod names are stable, so a
/// create racing a stale cache fails with AlreadyExists instead of duplicating: no expectations
/// are needed. PersistentVolumeClaims are created before their pod and kept (retention Retain)
/// unless whenDeleted is Delete, in which case they are owned by the set. Only pods whose
/// controller reference names the set are managed (no adoption of orphans).
/// </summary>
internal sealed class StatefulSetController : ReconcilingController
{
    private readonly IInformer<V1StatefulSet> _sets;
    private readonly IInformer<V1Pod> _pods;
    private readonly IInformer<V1ControllerRevision> _revisions;
    private readonly IInformer<V1PersistentVolumeClaim> _claims;
    private readonly StatusWriter<V1StatefulSet, V1StatefulSetStatus> _status;

    public StatefulSetController(ControllerContext context)
        : base(context, "statefulset-controller")
    {
        _status = new(o => o.Status, (o, status) => o.Status = status, (set, ct) => context.Client.AppsV1.ReplaceNamespacedStatefulSetStatusAsync(set, set.Metadata.Name, set.Metadata.NamespaceProperty, cancellationToken: ct));
        _sets = Runner.Watch(context.Informers.StatefulSets());
        _pods = Runner.Watch(context.Informers.Pods(), ResourceEventHandler<V1Pod>.ForEach(OnPod));
        _revisions = Runner.WaitFor(context.Informers.ControllerRevisions());
        _claims = Runner.WaitFor(context.Informers.PersistentVolumeClaims());
    }

    public override async Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken ct)
    {
        var set = _sets.Cache.Get(key);
        if (set is null)
        {
            return ReconcileResult.Done;
        }

        var revisions = _revisions.Cache.ControlledBy(set.Metadata);
        var update = await RevisionHistory.EnsureAsync(
            Context.Client, set, "apps/v1", "StatefulSet", set.Spec.Template, set.Status?.CollisionCount, revisions,
            () => _status.ChangeAsync(set, s => s.CollisionCount = (s.CollisionCount ?? 0) + 1, ct), ct);

        var current = revisions.FirstOrDefault(r => r.Metadata.Name == set.Status?.CurrentRevision) ?? update;
        var currentTemplate = Revisions.Template(current) ?? set.Spec.Template;
        var pods = _pods.Cache.ControlledBy(set.Metadata);
        var claims = _claims.Cache.ListNamespace(set.Metadata.NamespaceProperty).Select(c => c.Metadata.Name).ToHashSet();
        var plan = StatefulSetPlanner.Compute(set, pods, currentTemplate, current.Metadata.Name, update.Metadata.Name, claims, Context.Time.GetUtcNow());

        await ApplyAsync(set, plan, ct);
        await _status.WriteIfChangedAsync(set, plan.Status, ct);

        var live = pods.Select(StatefulPods.Revision).OfType<string>().Append(current.Metadata.Name).Append(update.Metadata.Name).ToHashSet();
        await RevisionHistory.TruncateAsync(Context.Client, revisions, live, set.Spec.RevisionHistoryLimit, ct);

        var minReady = set.Spec.MinReadySeconds ?? 0;
        return minReady > 0 && plan.Status.ReadyReplicas != plan.Status.AvailableReplicas
            ? new ReconcileResult(TimeSpan.FromSeconds(minReady))
            : ReconcileResult.Done;
    }

    private async Task ApplyAsync(V1StatefulSet set, StatefulSetPlan plan, CancellationToken ct)
    {
        var ns = set.Metadata.NamespaceProperty;
        foreach (var claim in plan.Claims)
        {
            var template = (set.Spec.VolumeClaimTemplates ?? []).FirstOrDefault(t => claim.Metadata.Name.StartsWith(t.Metadata.Name + "-", StringComparison.Ordinal));
            var pod = template is null ? "" : claim.Metadata.Name[(template.Metadata.Name.Length + 1)..];
            await CreateAsync(
                set,
                () => Context.Client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(claim, ns, cancellationToken: ct),
                $"create Claim {claim.Metadata.Name} Pod {pod} in StatefulSet {set.Metadata.Name} success",
                error => $"create Claim {claim.Metadata.Name} for Pod in StatefulSet {set.Metadata.Name} failed error: {error}");
        }

        foreach (var pod in plan.Create)
        {
            await CreateAsync(
                set,
                () => Context.Client.CoreV1.CreateNamespacedPodAsync(pod, ns, cancellationToken: ct),
                $"create Pod {pod.Metadata.Name} in StatefulSet {set.Metadata.Name} successful",
                error => $"create Pod {pod.Metadata.Name} in StatefulSet {set.Metadata.Name} failed error: {error}");
        }

        foreach (var pod in plan.Delete)
        {
            try
            {
                await Context.Client.CoreV1.DeleteNamespacedPodAsync(
                    pod.Metadata.Name, ns, new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = pod.Metadata.Uid } }, cancellationToken: ct);
                Context.Events.Record(set, "Normal", "SuccessfulDelete", $"delete Pod {pod.Metadata.Name} in StatefulSet {set.Metadata.Name} successful");
            }
            catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
            {
                // Already gone (or replaced by a newer pod of the same name).
            }
        }
    }

    /// <summary>
    /// Creates a claim or pod of the set, recording upstream's events. Names are stable, so AlreadyExists
    /// means an earlier pass created it and the cache had not caught up.
    /// </summary>
    private async Task CreateAsync(V1StatefulSet set, Func<Task> create, string created, Func<string, string> failed)
    {
        try
        {
            await create();
            Context.Events.Record(set, "Normal", "SuccessfulCreate", created);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // Created earlier; the cache had not caught up.
        }
        catch (HttpOperationException e)
        {
            Context.Events.Record(set, "Warning", "FailedCreate", failed(e.Message));
            throw;
        }
    }

    private void OnPod(V1Pod pod)
    {
        if (OwnerReferences.ControllerName(pod.Metadata, "StatefulSet") is { } name)
        {
            Runner.Enqueue(new NamespacedName(pod.Metadata.NamespaceProperty ?? "", name));
        }
    }
}
