namespace Orchestrator.ControllerManager.Controllers.Deployment;

internal sealed partial class DeploymentController
{
    public override async Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken ct)
    {
        var cached = _deployments.Cache.Get(key);
        if (cached is null)
        {
            return ReconcileResult.Done;
        }

        if (LabelSelector.IsEmpty(cached.Spec.Selector))
        {
            Context.Events.Record(cached, "Warning", "SelectingAll", "This deployment is selecting all pods. A non-empty selector is required.");
            if ((cached.Status?.ObservedGeneration ?? 0) < (cached.Metadata.Generation ?? 0))
            {
                var copy = ObjectCopy.Deep(cached);
                copy.Status ??= new V1DeploymentStatus();
                copy.Status.ObservedGeneration = cached.Metadata.Generation;
                await Context.Client.AppsV1.ReplaceNamespacedDeploymentStatusAsync(copy, key.Name, key.Namespace, cancellationToken: ct);
            }

            return ReconcileResult.Done;
        }

        var state = new DeploymentSyncState(cached, await ClaimReplicaSetsAsync(cached, ct), Context.Time.GetUtcNow());
        var d = state.Deployment;
        if (d.Metadata.DeletionTimestamp is not null)
        {
            state.NewReplicaSet = ReplicaSets.FindNew(d, state.ReplicaSets);
            return await FinishAsync(state, DeploymentStatusCalculator.Calculate(d, state.ReplicaSets, state.NewReplicaSet, state.Now), ct);
        }

        CheckPausedConditions(state);
        if (d.Spec.Paused == true)
        {
            return await SyncScaleAsync(state, ct);
        }

        await GetNewReplicaSetAsync(state, create: false, ct);
        if (ScalingPlanner.IsScalingEvent(d, state.NewReplicaSet, state.OldReplicaSets))
        {
            return await SyncScaleAsync(state, ct);
        }

        return RolloutLimits.IsRollingUpdate(d) ? await RolloutRollingAsync(state, ct) : await RolloutRecreateAsync(state, ct);
    }

    /// <summary>Paused deployments and scaling events: resize without rolling out (upstream's <c>sync</c>).</summary>
    private async Task<ReconcileResult> SyncScaleAsync(DeploymentSyncState state, CancellationToken ct)
    {
        var d = state.Deployment;
        await GetNewReplicaSetAsync(state, create: false, ct);
        await ApplyAsync(state, ScalingPlanner.Plan(d, state.NewReplicaSet, state.OldReplicaSets), ct);
        if (d.Spec.Paused == true)
        {
            await CleanupAsync(state, ct);
        }

        return await FinishAsync(state, DeploymentStatusCalculator.Calculate(d, state.ReplicaSets, state.NewReplicaSet, state.Now), ct);
    }

    private async Task<ReconcileResult> RolloutRollingAsync(DeploymentSyncState state, CancellationToken ct)
    {
        var d = state.Deployment;
        var newRs = await GetNewReplicaSetAsync(state, create: true, ct);
        var steps = RollingUpdatePlanner.Plan(d, newRs!, state.OldReplicaSets);
        await ApplyAsync(state, steps, ct);
        if (steps.Count == 0 && DeploymentProgress.Complete(d, d.Status ?? new V1DeploymentStatus()))
        {
            await CleanupAsync(state, ct);
        }

        return await FinishAsync(state, DeploymentStatusCalculator.Rollout(d, state.ReplicaSets, state.NewReplicaSet, state.Now), ct);
    }

    private async Task<ReconcileResult> RolloutRecreateAsync(DeploymentSyncState state, CancellationToken ct)
    {
        var d = state.Deployment;
        await GetNewReplicaSetAsync(state, create: false, ct);
        var plan = RecreatePlanner.Plan(state.NewReplicaSet, state.OldReplicaSets, PodsByReplicaSet(state));
        await ApplyAsync(state, plan.ScaleDown, ct);
        if (plan.ScaleUpNew)
        {
            var newRs = state.NewReplicaSet ?? await GetNewReplicaSetAsync(state, create: true, ct);
            var desired = RolloutLimits.Replicas(d);
            if (ReplicaSets.Replicas(newRs!) != desired)
            {
                await ApplyAsync(state, [new ScaleStep(newRs!, desired, ReplicaSets.Replicas(newRs!) < desired ? "up" : "down")], ct);
            }

            if (DeploymentProgress.Complete(d, d.Status ?? new V1DeploymentStatus()))
            {
                await CleanupAsync(state, ct);
            }
        }

        return await FinishAsync(state, DeploymentStatusCalculator.Rollout(d, state.ReplicaSets, state.NewReplicaSet, state.Now), ct);
    }

    /// <summary>The deployment's pods grouped by the UID of their controlling ReplicaSet.</summary>
    private Dictionary<string, IReadOnlyList<V1Pod>> PodsByReplicaSet(DeploymentSyncState state)
    {
        var result = new Dictionary<string, IReadOnlyList<V1Pod>>();
        foreach (var rs in state.ReplicaSets)
        {
            result[rs.Metadata.Uid] = [.. _pods.Cache.ByIndex(Indexes.OwnerUid, rs.Metadata.Uid)
                .Where(p => OwnerReferences.ControllerOf(p.Metadata)?.Uid == rs.Metadata.Uid && LabelSelector.Matches(state.Deployment.Spec.Selector, p.Metadata.Labels))];
        }

        return result;
    }

    /// <summary>
    /// Marks pausing and resuming in the Progressing condition (Unknown), so time spent paused never
    /// counts against the progress deadline (upstream's <c>checkPausedConditions</c>).
    /// </summary>
    private static void CheckPausedConditions(DeploymentSyncState state)
    {
        var d = state.Deployment;
        if (!DeploymentProgress.HasProgressDeadline(d))
        {
            return;
        }

        var condition = DeploymentConditions.Get(d.Status, DeploymentReasons.Progressing);
        if (condition?.Reason == DeploymentReasons.TimedOut)
        {
            return;
        }

        var pausedRecorded = condition?.Reason == DeploymentReasons.Paused;
        d.Status ??= new V1DeploymentStatus();
        if (d.Spec.Paused == true && !pausedRecorded)
        {
            DeploymentConditions.Set(d.Status, DeploymentConditions.New(DeploymentReasons.Progressing, "Unknown", DeploymentReasons.Paused, "Deployment is paused", state.Now));
        }
        else if (d.Spec.Paused != true && pausedRecorded)
        {
            DeploymentConditions.Set(d.Status, DeploymentConditions.New(DeploymentReasons.Progressing, "Unknown", DeploymentReasons.Resumed, "Deployment is resumed", state.Now));
        }
    }
}
