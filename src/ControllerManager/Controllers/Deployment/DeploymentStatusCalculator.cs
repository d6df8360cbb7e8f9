namespace Orchestrator.ControllerManager.Controllers.Deployment;

/// <summary>
/// The status a deployment should report (upstream's <c>calculateStatus</c> and <c>syncRolloutStatus</c>):
/// counts summed over its ReplicaSets, the Available condition, and — during a rollout — the
/// Progressing condition with upstream's reasons and messages.
/// </summary>
internal static class DeploymentStatusCalculator
{
    /// <summary>Counts, collision count, current conditions plus Available (upstream's <c>calculateStatus</c>).</summary>
    public static V1DeploymentStatus Calculate(V1Deployment d, IReadOnlyList<V1ReplicaSet> allRss, V1ReplicaSet? newRs, DateTimeOffset now)
    {
        var available = ReplicaSets.AvailableReplicas(allRss);
        var status = new V1DeploymentStatus
        {
            ObservedGeneration = d.Metadata.Generation,
            Replicas = ReplicaSets.StatusReplicas(allRss),
            UpdatedReplicas = newRs?.Status?.Replicas ?? 0,
            ReadyReplicas = ReplicaSets.ReadyReplicas(allRss),
            AvailableReplicas = available,
            UnavailableReplicas = Math.Max(0, ReplicaSets.SpecReplicas(allRss) - available),
            CollisionCount = d.Status?.CollisionCount,
            TerminatingReplicas = d.Status?.TerminatingReplicas,
            Conditions = [.. (d.Status?.Conditions ?? []).Select(c => new V1DeploymentCondition
            {
                Type = c.Type, Status = c.Status, Reason = c.Reason, Message = c.Message,
                LastUpdateTime = c.LastUpdateTime, LastTransitionTime = c.LastTransitionTime,
            })],
        };

        if (available >= RolloutLimits.Replicas(d) - RolloutLimits.MaxUnavailable(d))
        {
            DeploymentConditions.Set(status, DeploymentConditions.New(DeploymentReasons.Available, "True", DeploymentReasons.MinimumReplicasAvailable, "Deployment has minimum availability.", now));
        }
        else
        {
            DeploymentConditions.Set(status, DeploymentConditions.New(DeploymentReasons.Available, "False", DeploymentReasons.MinimumReplicasUnavailable, "Deployment does not have minimum availability.", now));
        }

        return status;
    }

    /// <summary>The full status after a rollout step (upstream's <c>syncRolloutStatus</c>).</summary>
    public static V1DeploymentStatus Rollout(V1Deployment d, IReadOnlyList<V1ReplicaSet> allRss, V1ReplicaSet? newRs, DateTimeOffset now)
    {
        var status = Calculate(d, allRss, newRs, now);
        if (!DeploymentProgress.HasProgressDeadline(d))
        {
            DeploymentConditions.Remove(status, DeploymentReasons.Progressing);
        }

        var current = DeploymentConditions.Get(d.Status, DeploymentReasons.Progressing);
        var complete = status.Replicas == status.UpdatedReplicas && current?.Reason == DeploymentReasons.NewReplicaSetAvailable;
        if (DeploymentProgress.HasProgressDeadline(d) && !complete)
        {
            var subject = newRs is null ? $"Deployment \"{d.Metadata.Name}\"" : $"ReplicaSet \"{newRs.Metadata.Name}\"";
            if (DeploymentProgress.Complete(d, status))
            {
                DeploymentConditions.Set(status, DeploymentConditions.New(DeploymentReasons.Progressing, "True", DeploymentReasons.NewReplicaSetAvailable, $"{subject} has successfully progressed.", now));
            }
            else if (DeploymentProgress.Progressing(d, status))
            {
                // Progress refreshes lastUpdateTime even with an unchanged reason: that is what the deadline is measured from.
                var condition = DeploymentConditions.New(DeploymentReasons.Progressing, "True", DeploymentReasons.ReplicaSetUpdated, $"{subject} is progressing.", now);
                if (current is not null)
                {
                    if (current.Status == "True")
                    {
                        condition.LastTransitionTime = current.LastTransitionTime;
                    }

                    DeploymentConditions.Remove(status, DeploymentReasons.Progressing);
                }

                DeploymentConditions.Set(status, condition);
            }
            else if (DeploymentProgress.TimedOut(d, status, now))
            {
                DeploymentConditions.Set(status, DeploymentConditions.New(DeploymentReasons.Progressing, "False", DeploymentReasons.TimedOut, $"{subject} has timed out progressing.", now));
            }
        }

        if (ReplicaFailure(allRss, newRs) is { } failure)
        {
            DeploymentConditions.Set(status, new V1DeploymentCondition
            {
                Type = DeploymentReasons.ReplicaFailure, Status = failure.Status, Reason = failure.Reason, Message = failure.Message,
                LastTransitionTime = failure.LastTransitionTime, LastUpdateTime = failure.LastTransitionTime,
            });
        }
        else
        {
            DeploymentConditions.Remove(status, DeploymentReasons.ReplicaFailure);
        }

        return status;
    }

    /// <summary>The ReplicaFailure condition of the new ReplicaSet, else of the first old one that has it.</summary>
    private static V1ReplicaSetCondition? ReplicaFailure(IReadOnlyList<V1ReplicaSet> allRss, V1ReplicaSet? newRs)
    {
        static V1ReplicaSetCondition? Of(V1ReplicaSet rs) => rs.Status?.Conditions?.FirstOrDefault(c => c.Type == DeploymentReasons.ReplicaFailure);
        if (newRs is not null && Of(newRs) is { } own)
        {
            return own;
        }

        return allRss.Where(rs => newRs is null || rs.Metadata.Uid != newRs.Metadata.Uid).Select(Of).FirstOrDefault(c => c is not null);
    }
}
