namespace Orchestrator.ControllerManager.Controllers.Deployment;

internal sealed partial class DeploymentController
{
    /// <summary>
    /// The ReplicaSets this deployment controls after adopting matching orphans and releasing owned
    /// ones that no longer match (upstream's <c>getReplicaSetsForDeployment</c>); copies, safe to edit.
    /// </summary>
    private async Task<List<V1ReplicaSet>> ClaimReplicaSetsAsync(V1Deployment d, CancellationToken ct)
    {
        var owned = new List<V1ReplicaSet>();
        bool? canAdopt = null;
        foreach (var rs in _replicaSets.Cache.ListNamespace(d.Metadata.NamespaceProperty ?? ""))
        {
            switch (ControllerRefClaims.Of(d.Metadata, d.Spec.Selector, rs.Metadata))
            {
                case ControllerRefClaim.Keep:
                    owned.Add(ObjectCopy.Deep(rs));
                    break;
                case ControllerRefClaim.Release:
                    await PatchOwnersAsync(rs, [.. rs.Metadata.OwnerReferences!.Where(r => r.Uid != d.Metadata.Uid)], ct);
                    break;
                case ControllerRefClaim.Adopt:
                    // Adopt only for a deployment that still exists and is not being deleted (upstream's canAdopt recheck).
                    canAdopt ??= await CanAdoptAsync(d, ct);
                    if (canAdopt == true && await PatchOwnersAsync(rs, [.. rs.Metadata.OwnerReferences ?? [], OwnerReferences.NewControllerRef(d, ApiVersion, Kind)], ct) is { } adopted)
                    {
                        owned.Add(adopted);
                    }

                    break;
            }
        }

        return owned;
    }

    private async Task<bool> CanAdoptAsync(V1Deployment d, CancellationToken ct)
    {
        var fresh = await Context.Client.AppsV1.ReadNamespacedDeploymentAsync(d.Metadata.Name, d.Metadata.NamespaceProperty, cancellationToken: ct);
        return fresh.Metadata.Uid == d.Metadata.Uid && fresh.Metadata.DeletionTimestamp is null;
    }

    /// <returns>The patched ReplicaSet, or null when it is gone.</returns>
    private async Task<V1ReplicaSet?> PatchOwnersAsync(V1ReplicaSet rs, List<V1OwnerReference> owners, CancellationToken ct)
    {
        var ownersJson = owners.Count == 0 ? "null" : KubernetesJson.Serialize(owners);
        var patch = $$$"""{"metadata":{"ownerReferences":{{{ownersJson}}},"resourceVersion":"{{{rs.Metadata.ResourceVersion}}}"}}""";
        try
        {
            return await Context.Client.AppsV1.PatchNamespacedReplicaSetAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), rs.Metadata.Name, rs.Metadata.NamespaceProperty, cancellationToken: ct);
        }
        catch (Exception e) when (ApiFailures.IsNotFound(e))
        {
            return null;
        }
    }

    /// <summary>
    /// Finds the ReplicaSet of the current template and keeps its annotations in step (revision,
    /// copied deployment annotations), or creates it when <paramref name="create"/> (upstream's
    /// <c>getNewReplicaSet</c>); records the revision and Progressing condition on the state.
    /// </summary>
    private async Task<V1ReplicaSet?> GetNewReplicaSetAsync(DeploymentSyncState state, bool create, CancellationToken ct)
    {
        var d = state.Deployment;
        var existing = ReplicaSets.FindNew(d, state.ReplicaSets);
        state.NewReplicaSet = existing;
        var newRevision = ReplicaSets.MaxRevision(state.OldReplicaSets) + 1;
        if (existing is not null)
        {
            var copy = ObjectCopy.Deep(existing);
            var annotationsChanged = Revisions.SetNewReplicaSetAnnotations(d, copy, newRevision, exists: true);
            if (annotationsChanged || copy.Spec.MinReadySeconds != d.Spec.MinReadySeconds)
            {
                copy.Spec.MinReadySeconds = d.Spec.MinReadySeconds;
                var updated = await Context.Client.AppsV1.ReplaceNamespacedReplicaSetAsync(copy, copy.Metadata.Name, copy.Metadata.NamespaceProperty, cancellationToken: ct);
                state.Replace(updated);
                copy = updated;
            }

            state.Revision = copy.Metadata.Annotations?.TryGetValue(DeploymentAnnotations.Revision, out var revision) == true ? revision : null;
            if (DeploymentProgress.HasProgressDeadline(d) && DeploymentConditions.Get(d.Status, DeploymentReasons.Progressing) is null)
            {
                d.Status ??= new V1DeploymentStatus();
                DeploymentConditions.Set(d.Status, DeploymentConditions.New(DeploymentReasons.Progressing, "True", DeploymentReasons.FoundNewReplicaSet, $"Found new replica set \"{copy.Metadata.Name}\"", state.Now));
            }

            return state.NewReplicaSet;
        }

        if (!create)
        {
            return null;
        }

        var created = await CreateNewReplicaSetAsync(state, newRevision, ct);
        state.Replace(created);
        state.NewReplicaSet = created;
        return created;
    }

    private async Task<V1ReplicaSet> CreateNewReplicaSetAsync(DeploymentSyncState state, long newRevision, CancellationToken ct)
    {
        var d = state.Deployment;
        var hash = PodTemplateHash.Compute(d.Spec.Template, d.Status?.CollisionCount);
        var template = ObjectCopy.Deep(d.Spec.Template);
        template.Metadata ??= new V1ObjectMeta();
        template.Metadata.Labels = new Dictionary<string, string>(template.Metadata.Labels ?? new Dictionary<string, string>()) { [DeploymentAnnotations.PodTemplateHashLabel] = hash };
        var selector = ObjectCopy.Deep(d.Spec.Selector);
        selector.MatchLabels = new Dictionary<string, string>(selector.MatchLabels ?? new Dictionary<string, string>()) { [DeploymentAnnotations.PodTemplateHashLabel] = hash };
        var rs = new V1ReplicaSet
        {
            ApiVersion = ApiVersion,
            Kind = "ReplicaSet",
            Metadata = new V1ObjectMeta
            {
                Name = d.Metadata.Name + "-" + hash,
                NamespaceProperty = d.Metadata.NamespaceProperty,
                OwnerReferences = [OwnerReferences.NewControllerRef(d, ApiVersion, Kind)],
                Labels = new Dictionary<string, string>(template.Metadata.Labels),
            },
            Spec = new V1ReplicaSetSpec { Replicas = 0, MinReadySeconds = d.Spec.MinReadySeconds, Selector = selector, Template = template },
        };
        var replicas = RollingUpdatePlanner.NewReplicaSetReplicas(d, state.OldReplicaSets.Append(rs), rs);
        rs.Spec.Replicas = replicas;
        Revisions.SetNewReplicaSetAnnotations(d, rs, newRevision, exists: false);

        V1ReplicaSet created;
        var alreadyExisted = false;
        try
        {
            created = await Context.Client.AppsV1.CreateNamespacedReplicaSetAsync(rs, rs.Metadata.NamespaceProperty, cancellationToken: ct);
        }
        catch (Exception e) when (ApiFailures.IsAlreadyExists(e))
        {
            // A slow cache, or a hash collision with a ReplicaSet of another template.
            var found = await Context.Client.AppsV1.ReadNamespacedReplicaSetAsync(rs.Metadata.Name, rs.Metadata.NamespaceProperty, cancellationToken: ct);
            if (OwnerReferences.ControllerOf(found.Metadata)?.Uid != d.Metadata.Uid || !PodTemplateHash.EqualIgnoreHash(d.Spec.Template, found.Spec.Template))
            {
                d.Status ??= new V1DeploymentStatus();
                d.Status.CollisionCount = (d.Status.CollisionCount ?? 0) + 1;
                await WriteStatusAsync(state, d.Status, ct);
                LogCollision(Logger, d.Metadata.NamespaceProperty ?? "", d.Metadata.Name, rs.Metadata.Name, d.Status.CollisionCount.Value);
                throw;
            }

            created = found;
            alreadyExisted = true;
        }
        catch (Exception e) when (!ApiFailures.IsNamespaceTerminating(e) && e is not OperationCanceledException)
        {
            var message = $"Failed to create new replica set \"{rs.Metadata.Name}\": {ApiFailures.Message(e)}";
            if (DeploymentProgress.HasProgressDeadline(d))
            {
                d.Status ??= new V1DeploymentStatus();
                DeploymentConditions.Set(d.Status, DeploymentConditions.New(DeploymentReasons.Progressing, "False", DeploymentReasons.FailedReplicaSetCreate, message, state.Now));
                await WriteStatusAsync(state, d.Status, ct);
            }

            Context.Events.Record(state.Cached, "Warning", DeploymentReasons.FailedReplicaSetCreate, message);
            throw;
        }

        if (!alreadyExisted)
        {
            LogCreated(Logger, d.Metadata.NamespaceProperty ?? "", d.Metadata.Name, created.Metadata.Name, newRevision, replicas);
        }

        if (!alreadyExisted && replicas > 0)
        {
            Context.Events.Record(state.Cached, "Normal", DeploymentReasons.ScalingReplicaSet, $"Scaled up replica set {created.Metadata.Name} from 0 to {replicas}");
        }

        state.Revision = newRevision.ToString(CultureInfo.InvariantCulture);
        if (!alreadyExisted && DeploymentProgress.HasProgressDeadline(d))
        {
            d.Status ??= new V1DeploymentStatus();
            DeploymentConditions.Set(d.Status, DeploymentConditions.New(DeploymentReasons.Progressing, "True", DeploymentReasons.NewReplicaSetCreated, $"Created new replica set \"{created.Metadata.Name}\"", state.Now));
        }

        return created;
    }

    /// <summary>Applies scale steps in order, recording a ScalingReplicaSet event for each size change.</summary>
    private async Task ApplyAsync(DeploymentSyncState state, IReadOnlyList<ScaleStep> steps, CancellationToken ct)
    {
        var d = state.Deployment;
        var desired = RolloutLimits.Replicas(d);
        var max = desired + RolloutLimits.MaxSurge(d);
        foreach (var step in steps)
        {
            var current = state.ReplicaSets.FirstOrDefault(rs => rs.Metadata.Uid == step.ReplicaSet.Metadata.Uid) ?? step.ReplicaSet;
            var oldSize = ReplicaSets.Replicas(current);
            var resize = oldSize != step.Replicas;
            if (!resize && !Revisions.ReplicasAnnotationsNeedUpdate(current, desired, max))
            {
                continue;
            }

            var copy = ObjectCopy.Deep(current);
            copy.Spec.Replicas = step.Replicas;
            Revisions.SetReplicasAnnotations(copy, desired, max);
            var updated = await Context.Client.AppsV1.ReplaceNamespacedReplicaSetAsync(copy, copy.Metadata.Name, copy.Metadata.NamespaceProperty, cancellationToken: ct);
            state.Replace(updated);
            if (resize)
            {
                Context.Events.Record(state.Cached, "Normal", DeploymentReasons.ScalingReplicaSet, $"Scaled {step.Operation} replica set {updated.Metadata.Name} from {oldSize} to {step.Replicas}");
            }
        }
    }

    /// <summary>Deletes old ReplicaSets beyond <c>revisionHistoryLimit</c>.</summary>
    private async Task CleanupAsync(DeploymentSyncState state, CancellationToken ct)
    {
        foreach (var rs in HistoryCleanup.ReplicaSetsToDelete(state.Deployment, state.OldReplicaSets))
        {
            try
            {
                await Context.Client.AppsV1.DeleteNamespacedReplicaSetAsync(rs.Metadata.Name, rs.Metadata.NamespaceProperty, cancellationToken: ct);
            }
            catch (Exception e) when (ApiFailures.IsNotFound(e))
            {
                // Already gone.
            }

            state.ReplicaSets.RemoveAll(r => r.Metadata.Uid == rs.Metadata.Uid);
        }
    }
}
