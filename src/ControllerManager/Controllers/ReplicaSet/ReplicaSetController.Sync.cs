namespace Orchestrator.ControllerManager.Controllers.ReplicaSet;

internal sealed partial class ReplicaSetController
{
    public override async Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken ct)
    {
        var cached = _replicaSets.Cache.Get(key);
        if (cached is null)
        {
            _expectations.Delete(key.ToString());
            return ReconcileResult.Done;
        }

        var now = Context.Time.GetUtcNow();
        var namespacePods = _pods.Cache.ListNamespace(key.Namespace);
        var plan = ReplicaSetPlanner.Compute(cached, namespacePods, RelatedPods(cached), _expectations.Satisfied(key.ToString()), now);
        var active = await ClaimAsync(cached, plan, ct);

        Exception? manageError = null;
        if (plan.ManageReplicas)
        {
            try
            {
                await ManageAsync(cached, key, plan, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                manageError = e;
            }
        }

        var status = ReplicaSetStatusCalculator.Compute(cached, active, manageError is null ? null : ApiFailures.Message(manageError), now);
        if (ReplicaSetStatusCalculator.NeedsUpdate(cached, status))
        {
            var copy = ObjectCopy.Deep(cached);
            copy.Status = status;
            await Context.Client.AppsV1.ReplaceNamespacedReplicaSetStatusAsync(copy, key.Name, key.Namespace, cancellationToken: ct);
        }

        if (manageError is not null)
        {
            throw manageError;
        }

        // Pods that are ready but not yet available become available after minReadySeconds: look again then.
        var desired = cached.Spec.Replicas ?? 1;
        if (cached.Spec.MinReadySeconds is > 0 and var minReady && status.ReadyReplicas == desired && status.AvailableReplicas != desired)
        {
            return new ReconcileResult(TimeSpan.FromSeconds(minReady));
        }

        return ReconcileResult.Done;
    }

    /// <summary>Pods of the ReplicaSets that share this one's controller (a deployment's other revisions), for colocation ranking.</summary>
    private IEnumerable<V1Pod> RelatedPods(V1ReplicaSet rs)
    {
        var owner = OwnerReferences.ControllerOf(rs.Metadata);
        var siblings = owner is null
            ? [rs]
            : _replicaSets.Cache.ByIndex(Indexes.OwnerUid, owner.Uid).Where(r => OwnerReferences.ControllerOf(r.Metadata)?.Uid == owner.Uid);
        return siblings.SelectMany(r => _pods.Cache.ByIndex(Indexes.OwnerUid, r.Metadata.Uid));
    }

    /// <summary>Applies adoptions and releases; returns the active pods the ReplicaSet controls afterwards.</summary>
    private async Task<IReadOnlyList<V1Pod>> ClaimAsync(V1ReplicaSet rs, ReplicaSetPlan plan, CancellationToken ct)
    {
        var active = plan.Active.ToList();
        if (plan.Adopt.Count > 0)
        {
            // Adopt only for a ReplicaSet that still exists and is not being deleted (upstream's canAdopt recheck).
            var fresh = await Context.Client.AppsV1.ReadNamespacedReplicaSetAsync(rs.Metadata.Name, rs.Metadata.NamespaceProperty, cancellationToken: ct);
            var canAdopt = fresh.Metadata.Uid == rs.Metadata.Uid && fresh.Metadata.DeletionTimestamp is null;
            var controllerRef = OwnerReferences.NewControllerRef(rs, ApiVersion, Kind);
            foreach (var pod in plan.Adopt)
            {
                if (!canAdopt || !await PatchOwnersAsync(pod, [.. pod.Metadata.OwnerReferences ?? [], controllerRef], ct))
                {
                    active.Remove(pod);
                }
            }
        }

        foreach (var pod in plan.Release)
        {
            await PatchOwnersAsync(pod, [.. pod.Metadata.OwnerReferences!.Where(r => r.Uid != rs.Metadata.Uid)], ct);
        }

        return active;
    }

    /// <returns>False when the pod is gone.</returns>
    private async Task<bool> PatchOwnersAsync(V1Pod pod, List<V1OwnerReference> owners, CancellationToken ct)
    {
        var ownersJson = owners.Count == 0 ? "null" : KubernetesJson.Serialize(owners);
        var patch = $$$"""{"metadata":{"ownerReferences":{{{ownersJson}}},"resourceVersion":"{{{pod.Metadata.ResourceVersion}}}"}}""";
        try
        {
            await Context.Client.CoreV1.PatchNamespacedPodAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: ct);
            return true;
        }
        catch (Exception e) when (ApiFailures.IsNotFound(e))
        {
            return false;
        }
    }

    private async Task ManageAsync(V1ReplicaSet rs, NamespacedName key, ReplicaSetPlan plan, CancellationToken ct)
    {
        if (plan.Create > 0)
        {
            await CreatePodsAsync(rs, key, plan.Create, ct);
        }
        else if (plan.Delete.Count > 0)
        {
            await DeletePodsAsync(rs, key, plan.Delete, ct);
        }
    }

    private async Task CreatePodsAsync(V1ReplicaSet rs, NamespacedName key, int count, CancellationToken ct)
    {
        LogScaling(Logger, key.ToString(), "up", count, rs.Spec.Replicas ?? 1);
        _expectations.ExpectCreations(key.ToString(), count);
        var controllerRef = OwnerReferences.NewControllerRef(rs, ApiVersion, Kind);
        var (successes, error) = await SlowStart.RunAsync(count, SlowStart.InitialBatchSize, async () =>
        {
            var pod = PodFactory.FromTemplate(rs.Spec.Template, key.Namespace, rs.Metadata.Name, controllerRef);
            try
            {
                var created = await Context.Client.CoreV1.CreateNamespacedPodAsync(pod, key.Namespace, cancellationToken: ct);
                Context.Events.Record(rs, "Normal", "SuccessfulCreate", $"Created pod: {created.Metadata.Name}");
            }
            catch (Exception e) when (ApiFailures.IsNamespaceTerminating(e))
            {
                // Every create would fail the same way, and the namespace's deletion removes the ReplicaSet.
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Context.Events.Record(rs, "Warning", "FailedCreate", $"Error creating: {ApiFailures.Message(e)}");
                throw;
            }
        });

        // Creates that failed or were skipped will never be observed by the informer.
        for (var skipped = count - successes; skipped > 0; skipped--)
        {
            _expectations.CreationObserved(key.ToString());
        }

        if (error is not null)
        {
            throw error;
        }
    }

    private async Task DeletePodsAsync(V1ReplicaSet rs, NamespacedName key, IReadOnlyList<V1Pod> pods, CancellationToken ct)
    {
        LogScaling(Logger, key.ToString(), "down", pods.Count, rs.Spec.Replicas ?? 1);
        _expectations.ExpectDeletions(key.ToString(), pods.Select(p => NamespacedName.Of(p).ToString()));
        var errors = await Task.WhenAll(pods.Select(async pod =>
        {
            try
            {
                await Context.Client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: ct);
                Context.Events.Record(rs, "Normal", "SuccessfulDelete", $"Deleted pod: {pod.Metadata.Name}");
                return null;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The deletion will not be observed as one of ours: stop waiting for it.
                _expectations.DeletionObserved(key.ToString(), NamespacedName.Of(pod).ToString());
                if (ApiFailures.IsNotFound(e))
                {
                    return null;
                }

                Context.Events.Record(rs, "Warning", "FailedDelete", $"Error deleting: {ApiFailures.Message(e)}");
                return e;
            }
        }));

        if (errors.FirstOrDefault(e => e is not null) is { } error)
        {
            throw error;
        }
    }
}
