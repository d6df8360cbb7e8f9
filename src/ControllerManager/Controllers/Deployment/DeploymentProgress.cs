namespace Orchestrator.ControllerManager.Controllers.Deployment;

/// <summary>Rollout progress predicates (upstream's <c>DeploymentComplete</c>, <c>DeploymentProgressing</c>, <c>DeploymentTimedOut</c>).</summary>
internal static class DeploymentProgress
{
    public static bool HasProgressDeadline(V1Deployment d) =>
        d.Spec.ProgressDeadlineSeconds is { } seconds && seconds != int.MaxValue;

    /// <summary>Every desired replica is updated and available, and nothing else runs.</summary>
    public static bool Complete(V1Deployment d, V1DeploymentStatus status)
    {
        var desired = RolloutLimits.Replicas(d);
        return (status.UpdatedReplicas ?? 0) == desired
            && (status.Replicas ?? 0) == desired
            && (status.AvailableReplicas ?? 0) == desired
            && (status.ObservedGeneration ?? 0) >= (d.Metadata.Generation ?? 0);
    }

    /// <summary>Whether <paramref name="newStatus"/> shows progress over the deployment's current status.</summary>
    public static bool Progressing(V1Deployment d, V1DeploymentStatus newStatus)
    {
        var old = d.Status ?? new V1DeploymentStatus();
        var oldOld = (old.Replicas ?? 0) - (old.UpdatedReplicas ?? 0);
        var newOld = (newStatus.Replicas ?? 0) - (newStatus.UpdatedReplicas ?? 0);
        return (newStatus.UpdatedReplicas ?? 0) > (old.UpdatedReplicas ?? 0)
            || newOld < oldOld
            || (newStatus.ReadyReplicas ?? 0) > (old.ReadyReplicas ?? 0)
            || (newStatus.AvailableReplicas ?? 0) > (old.AvailableReplicas ?? 0);
    }

    /// <summary>No progress for longer than <c>progressDeadlineSeconds</c> since the Progressing condition's last update.</summary>
    public static bool TimedOut(V1Deployment d, V1DeploymentStatus newStatus, DateTimeOffset now)
    {
        if (!HasProgressDeadline(d) || DeploymentConditions.Get(newStatus, DeploymentReasons.Progressing) is not { } condition)
        {
            return false;
        }

        if (condition.Reason == DeploymentReasons.NewReplicaSetAvailable)
        {
            return false;
        }

        if (condition.Reason == DeploymentReasons.TimedOut)
        {
            return true;
        }

        return condition.LastUpdateTime is { } from
            && Utc(from).AddSeconds(d.Spec.ProgressDeadlineSeconds!.Value) < now;
    }

    /// <summary>
    /// When to look again at a rollout that shows no progress, so it is marked timed out on time
    /// (upstream's <c>requeueStuckDeployment</c>); null when there is nothing to wait for.
    /// </summary>
    public static TimeSpan? RecheckAfter(V1Deployment d, V1DeploymentStatus newStatus, DateTimeOffset now)
    {
        var current = DeploymentConditions.Get(d.Status, DeploymentReasons.Progressing);
        if (!HasProgressDeadline(d) || current is null || Complete(d, newStatus) || current.Reason == DeploymentReasons.TimedOut)
        {
            return null;
        }

        var after = (current.LastUpdateTime is { } from ? Utc(from) : now).AddSeconds(d.Spec.ProgressDeadlineSeconds!.Value) - now;
        return after < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : after;
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
