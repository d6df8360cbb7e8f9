namespace Orchestrator.ControllerManager.Controllers.DaemonSet;

/// <summary>
/// The DaemonSet controller (upstream pkg/controller/daemon): one pod per eligible node, pinned by
/// node affinity and bound by the scheduler; RollingUpdate or OnDelete over ControllerRevisions.
/// Only pods whose controller reference names the DaemonSet are managed (no adoption of orphans).
/// </summary>
internal sealed class DaemonSetController : ReconcilingController
{
    private readonly IInformer<V1DaemonSet> _sets;
    private readonly IInformer<V1Pod> _pods;
    private readonly IInformer<V1Node> _nodes;
    private readonly IInformer<V1ControllerRevision> _revisions;
    private readonly Expectations<NamespacedName> _expectations;
    private readonly PodControl _podControl;
    private readonly StatusWriter<V1DaemonSet, V1DaemonSetStatus> _status;

    public DaemonSetController(ControllerContext context)
        : base(context, "daemonset-controller")
    {
        _expectations = new Expectations<NamespacedName>(context.Time);
        _podControl = new PodControl(context, _expectations);
        _status = new(o => o.Status, (o, status) => o.Status = status, (ds, ct) => context.Client.AppsV1.ReplaceNamespacedDaemonSetStatusAsync(ds, ds.Metadata.Name, ds.Metadata.NamespaceProperty, cancellationToken: ct));
        _sets = Runner.Watch(context.Informers.DaemonSets(), new ResourceEventHandler<V1DaemonSet>(Runner.Enqueue, (_, ds) => Runner.Enqueue(ds), ds =>
        {
            _expectations.Forget(NamespacedName.Of(ds));
        }));
        _pods = Runner.Watch(context.Informers.Pods(), new ResourceEventHandler<V1Pod>(
            pod => OnPod(pod, created: true, deleted: false),
            (old, pod) => OnPod(pod, created: false, deleted: old.Metadata.DeletionTimestamp is null && pod.Metadata.DeletionTimestamp is not null),
            pod => OnPod(pod, created: false, deleted: pod.Metadata.DeletionTimestamp is null)));
        _nodes = Runner.Watch(context.Informers.Nodes(), new ResourceEventHandler<V1Node>(_ => EnqueueAll(), (old, node) =>
        {
            if (NodeChanged(old, node))
            {
                EnqueueAll();
            }
        }, _ => EnqueueAll()));
        _revisions = Runner.Watch(context.Informers.ControllerRevisions(), new ResourceEventHandler<V1ControllerRevision>(onDelete: OnRevision));
    }

    public override async Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken ct)
    {
        var ds = _sets.Cache.Get(key);
        if (ds is null || ds.Metadata.DeletionTimestamp is not null)
        {
            return ReconcileResult.Done;
        }

        var revisions = _revisions.Cache.ControlledBy(ds.Metadata);
        var current = await RevisionHistory.EnsureAsync(
            Context.Client, ds, "apps/v1", "DaemonSet", ds.Spec.Template, ds.Status?.CollisionCount, revisions,
            () => _status.ChangeAsync(ds, s => s.CollisionCount = (s.CollisionCount ?? 0) + 1, ct), ct);

        var hash = current.Metadata.Label(Revisions.HashLabel) ?? Revisions.Hash(ds.Spec.Template, ds.Status?.CollisionCount);
        var pods = _pods.Cache.ControlledBy(ds.Metadata);
        var plan = DaemonSetPlanner.Compute(ds, _nodes.Cache.List(), pods, hash, _expectations.Satisfied(key), Context.Time.GetUtcNow());

        foreach (var e in plan.Events)
        {
            Context.Events.Record(ds, e.Type, e.Reason, e.Message);
        }

        await SyncNodesAsync(key, ds, plan, hash, ct);
        await _status.WriteIfChangedAsync(ds, plan.Status, ct);

        var live = pods.Select(p => p.Metadata.Label(Revisions.HashLabel))
            .Where(h => h is not null)
            .Select(h => Revisions.Name(ds.Metadata.Name, h!))
            .Append(current.Metadata.Name)
            .ToHashSet();
        await RevisionHistory.TruncateAsync(Context.Client, revisions, live, ds.Spec.RevisionHistoryLimit, ct);
        return new ReconcileResult(plan.RequeueAfter);
    }

    private async Task SyncNodesAsync(NamespacedName key, V1DaemonSet ds, DaemonSetPlan plan, string hash, CancellationToken ct)
    {
        Exception? failure = null;
        if (plan.Delete.Count > 0)
        {
            _expectations.ExpectDeletions(key, plan.Delete.Count);
            foreach (var pod in plan.Delete)
            {
                var error = await _podControl.DeleteAsync(key, ds, pod, ct);
                failure ??= error;
            }
        }

        if (plan.CreateOn.Count > 0)
        {
            _expectations.ExpectCreations(key, plan.CreateOn.Count);
            foreach (var node in plan.CreateOn)
            {
                var error = await _podControl.CreateAsync(key, ds, DaemonPods.New(ds, node, hash), ct);
                failure ??= error;
            }
        }

        if (failure is not null)
        {
            throw new InvalidOperationException($"syncing nodes of daemon set {key}", failure);
        }
    }

    private static bool NodeChanged(V1Node old, V1Node node) =>
        Json(old.Metadata.Labels) != Json(node.Metadata.Labels)
        || Json(old.Spec?.Taints) != Json(node.Spec?.Taints)
        || old.Spec?.Unschedulable != node.Spec?.Unschedulable;

    /// <summary>The JSON of a possibly absent value (the serializer does not take null).</summary>
    private static string? Json(object? value) => value is null ? null : KubernetesJson.Serialize(value);

    private void EnqueueAll()
    {
        foreach (var ds in _sets.Cache.List())
        {
            Runner.Enqueue(ds);
        }
    }

    private void OnPod(V1Pod pod, bool created, bool deleted)
    {
        if (OwnerReferences.ControllerName(pod.Metadata, "DaemonSet") is not { } name)
        {
            return;
        }

        var key = new NamespacedName(pod.Metadata.NamespaceProperty ?? "", name);
        if (created)
        {
            _expectations.CreationObserved(key);
        }

        if (deleted)
        {
            _expectations.DeletionObserved(key);
        }

        Runner.Enqueue(key);
    }

    private void OnRevision(V1ControllerRevision revision)
    {
        if (OwnerReferences.ControllerName(revision.Metadata, "DaemonSet") is { } name)
        {
            Runner.Enqueue(new NamespacedName(revision.Metadata.NamespaceProperty ?? "", name));
        }
    }
}
