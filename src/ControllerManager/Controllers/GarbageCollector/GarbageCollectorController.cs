namespace Orchestrator.ControllerManager.Controllers.GarbageCollector;

/// <summary>
/// Deletes objects whose owners are all gone (checked with a live GET by uid), deletes the dependents
/// of owners deleted in the foreground and then releases them, and orphans the dependents of owners
/// deleted with the orphan policy. The ownership graph is the informer caches' owner-uid index.
/// </summary>
internal sealed partial class GarbageCollectorController : ReconcilingController
{
    private readonly IReadOnlyList<ITrackedKind> _kinds;
    private readonly Dictionary<string, ITrackedKind> _byGroupResource;

    public GarbageCollectorController(ControllerContext context)
        : base(context, "garbagecollector")
    {
        _kinds = TrackedKinds.Create(context.Informers);
        _byGroupResource = _kinds.ToDictionary(k => k.Operations.GroupResource);
        foreach (var kind in _kinds)
        {
            kind.Watch((old, obj) => OnChange(kind.Operations, old, obj));
        }
    }

    public override Task RunAsync(CancellationToken ct) => Runner.RunAsync(_kinds.Select(k => (Func<CancellationToken, Task>)k.WaitForSyncAsync), ct);

    public override async Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken ct)
    {
        var (groupResource, ns, name) = GarbageCollectorKeys.Parse(key);
        if (!_byGroupResource.TryGetValue(groupResource, out var kind) || kind.Get(ns, name) is not { } obj)
        {
            return ReconcileResult.Done;
        }

        var meta = obj.Metadata;
        if (meta.DeletionTimestamp is not null)
        {
            if (meta.Finalizers?.Contains(GarbageCollectorPlanner.OrphanFinalizer) ?? false)
            {
                await OrphanDependentsAsync(kind, meta, ct);
            }
            else if (meta.Finalizers?.Contains(GarbageCollectorPlanner.ForegroundFinalizer) ?? false)
            {
                await ProcessDeletingDependentsAsync(kind, meta, ct);
            }

            return ReconcileResult.Done;
        }

        if (meta.OwnerReferences is not { Count: > 0 })
        {
            return ReconcileResult.Done;
        }

        var action = await PlanAsync(meta, ns, ct);
        if (action is GarbageCollectorAction.Keep)
        {
            return ReconcileResult.Done;
        }

        // Decide again on the live object before acting: the cache may be behind (upstream does the same).
        V1ObjectMeta latest;
        try
        {
            latest = await kind.Operations.Get(Context.Client, ns, name, ct);
        }
        catch (Exception e) when (ApiFailures.IsNotFound(e))
        {
            return ReconcileResult.Done;
        }

        if (latest.Uid != meta.Uid || latest.DeletionTimestamp is not null)
        {
            return ReconcileResult.Done;
        }

        await ApplyAsync(kind, latest, await PlanAsync(latest, ns, ct), ct);
        return ReconcileResult.Done;
    }

    private async Task<GarbageCollectorAction> PlanAsync(V1ObjectMeta meta, string ns, CancellationToken ct)
    {
        var owners = meta.OwnerReferences?.ToList() ?? [];
        var states = new Dictionary<string, OwnerState>();
        foreach (var owner in owners)
        {
            states[owner.Uid] = await OwnerStateAsync(owner, ns, ct);
        }

        var hasDependents = _kinds.Any(k => k.DependentsOf(meta.Uid).Count > 0);
        return GarbageCollectorPlanner.Plan(owners, states, meta.Finalizers, hasDependents);
    }

    private async Task<OwnerState> OwnerStateAsync(V1OwnerReference owner, string dependentNamespace, CancellationToken ct)
    {
        if (KindCatalog.Find(owner.ApiVersion, owner.Kind) is not { } kind)
        {
            // A kind this server does not serve cannot be checked: never delete on a guess.
            Log.UnknownOwnerKind(Logger, owner.ApiVersion, owner.Kind);
            return OwnerState.Solid;
        }

        var ns = kind.Namespaced ? dependentNamespace : "";
        if (_byGroupResource.GetValueOrDefault(kind.GroupResource)?.Get(ns, owner.Name) is { } cached && cached.Metadata.Uid == owner.Uid)
        {
            return GarbageCollectorPlanner.StateOf(cached.Metadata);
        }

        // Absent from the cache (or another uid there): only a live GET proves the owner is gone.
        try
        {
            var live = await kind.Get(Context.Client, ns, owner.Name, ct);
            return live.Uid == owner.Uid ? GarbageCollectorPlanner.StateOf(live) : OwnerState.Dangling;
        }
        catch (Exception e) when (ApiFailures.IsNotFound(e))
        {
            return OwnerState.Dangling;
        }
    }

    private async Task ApplyAsync(ITrackedKind kind, V1ObjectMeta meta, GarbageCollectorAction action, CancellationToken ct)
    {
        var ns = meta.NamespaceProperty ?? "";
        try
        {
            switch (action)
            {
                case GarbageCollectorAction.RemoveOwnerReferences remove:
                    var owners = GarbageCollectorPlanner.Without(meta.OwnerReferences, remove.Uids);
                    await kind.Operations.Patch(Context.Client, ns, meta.Name, MetadataPatches.OwnerReferences(meta, owners), ct);
                    Log.RemovedOwnerReferences(Logger, kind.Operations.Kind, ns, meta.Name, remove.Uids.Count);
                    break;
                case GarbageCollectorAction.Delete delete:
                    var options = new V1DeleteOptions { PropagationPolicy = delete.PropagationPolicy, Preconditions = new V1Preconditions { Uid = meta.Uid } };
                    await kind.Operations.Delete(Context.Client, ns, meta.Name, options, ct);
                    Log.Deleted(Logger, kind.Operations.Kind, ns, meta.Name, delete.PropagationPolicy);
                    break;
            }
        }
        catch (Exception e) when (ApiFailures.IsNotFound(e))
        {
            // Already gone.
        }
    }

    /// <summary>The owner is deleted in the foreground: its dependents go; once none blocks it, it goes too.</summary>
    private async Task ProcessDeletingDependentsAsync(ITrackedKind kind, V1ObjectMeta owner, CancellationToken ct)
    {
        var blocking = 0;
        foreach (var (dependentKind, dependent) in DependentsOf(owner.Uid))
        {
            if (GarbageCollectorPlanner.Blocks(dependent.Metadata, owner.Uid))
            {
                blocking++;
            }

            if (dependent.Metadata.DeletionTimestamp is null)
            {
                Runner.Enqueue(GarbageCollectorKeys.For(dependentKind.Operations, dependent.Metadata.NamespaceProperty ?? "", dependent.Metadata.Name));
            }
        }

        if (blocking == 0)
        {
            await RemoveFinalizerAsync(kind, owner, GarbageCollectorPlanner.ForegroundFinalizer, ct);
        }
    }

    /// <summary>The owner is deleted with the orphan policy: its dependents lose their reference to it, then it goes.</summary>
    private async Task OrphanDependentsAsync(ITrackedKind kind, V1ObjectMeta owner, CancellationToken ct)
    {
        foreach (var (dependentKind, dependent) in DependentsOf(owner.Uid))
        {
            var meta = dependent.Metadata;
            var owners = GarbageCollectorPlanner.Without(meta.OwnerReferences, [owner.Uid]);
            try
            {
                await dependentKind.Operations.Patch(Context.Client, meta.NamespaceProperty ?? "", meta.Name, MetadataPatches.OwnerReferences(meta, owners), ct);
            }
            catch (Exception e) when (ApiFailures.IsNotFound(e))
            {
                // Gone already: nothing to orphan.
            }
        }

        await RemoveFinalizerAsync(kind, owner, GarbageCollectorPlanner.OrphanFinalizer, ct);
    }

    private async Task RemoveFinalizerAsync(ITrackedKind kind, V1ObjectMeta meta, string finalizer, CancellationToken ct)
    {
        var remaining = (meta.Finalizers ?? []).Where(f => f != finalizer).ToList();
        try
        {
            await kind.Operations.Patch(Context.Client, meta.NamespaceProperty ?? "", meta.Name, MetadataPatches.Finalizers(meta, remaining), ct);
            Log.RemovedFinalizer(Logger, finalizer, kind.Operations.Kind, meta.NamespaceProperty ?? "", meta.Name);
        }
        catch (Exception e) when (ApiFailures.IsNotFound(e))
        {
            // Deleted meanwhile.
        }
    }

    private IEnumerable<(ITrackedKind Kind, IKubernetesObject<V1ObjectMeta> Object)> DependentsOf(string uid) =>
        _kinds.SelectMany(k => k.DependentsOf(uid).Select(o => (k, o)));
}
