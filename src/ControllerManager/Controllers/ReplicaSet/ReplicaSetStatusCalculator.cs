namespace Orchestrator.ControllerManager.Controllers.ReplicaSet;

/// <summary>The status a ReplicaSet should report (upstream's <c>calculateStatus</c>).</summary>
internal static class ReplicaSetStatusCalculator
{
    public const string ReplicaFailure = "ReplicaFailure";

    /// <param name="rs">The ReplicaSet.</param>
    /// <param name="active">Its active controlled pods.</param>
    /// <param name="manageError">The error of this sync's creates/deletes, if any.</param>
    /// <param name="now">The current time.</param>
    public static V1ReplicaSetStatus Compute(V1ReplicaSet rs, IReadOnlyList<V1Pod> active, string? manageError, DateTimeOffset now)
    {
        var minReadySeconds = rs.Spec.MinReadySeconds ?? 0;
        var templateLabels = rs.Spec.Template?.Metadata?.Labels ?? new Dictionary<string, string>();
        var fullyLabeled = active.Count(p => templateLabels.All(l => p.Metadata.Labels?.TryGetValue(l.Key, out var v) == true && v == l.Value));
        var ready = active.Count(PodState.IsReady);
        var available = active.Count(p => PodState.IsAvailable(p, minReadySeconds, now));

        var conditions = (rs.Status?.Conditions ?? []).ToList();
        var failure = conditions.FirstOrDefault(c => c.Type == ReplicaFailure);
        if (manageError is not null && failure is null)
        {
            var diff = active.Count - (rs.Spec.Replicas ?? 1);
            var reason = diff < 0 ? "FailedCreate" : diff > 0 ? "FailedDelete" : "";
            conditions.Add(new V1ReplicaSetCondition { Type = ReplicaFailure, Status = "True", LastTransitionTime = now.UtcDateTime, Reason = reason, Message = manageError });
        }
        else if (manageError is null && failure is not null)
        {
            conditions.Remove(failure);
        }

        return new V1ReplicaSetStatus
        {
            Replicas = active.Count,
            FullyLabeledReplicas = fullyLabeled,
            ReadyReplicas = ready,
            AvailableReplicas = available,
            ObservedGeneration = rs.Metadata.Generation,
            Conditions = conditions.Count == 0 ? null : conditions,
            TerminatingReplicas = rs.Status?.TerminatingReplicas,
        };
    }

    /// <summary>Whether <paramref name="computed"/> differs from what the ReplicaSet reports (upstream's steady-state check).</summary>
    public static bool NeedsUpdate(V1ReplicaSet rs, V1ReplicaSetStatus computed)
    {
        var current = rs.Status ?? new V1ReplicaSetStatus();
        return current.Replicas != computed.Replicas
            || (current.FullyLabeledReplicas ?? 0) != (computed.FullyLabeledReplicas ?? 0)
            || (current.ReadyReplicas ?? 0) != (computed.ReadyReplicas ?? 0)
            || (current.AvailableReplicas ?? 0) != (computed.AvailableReplicas ?? 0)
            || current.ObservedGeneration != rs.Metadata.Generation
            || !SameConditions(current.Conditions, computed.Conditions);
    }

    private static bool SameConditions(IList<V1ReplicaSetCondition>? a, IList<V1ReplicaSetCondition>? b)
    {
        a ??= [];
        b ??= [];
        return a.Count == b.Count && a.Zip(b).All(p => p.First.Type == p.Second.Type && p.First.Status == p.Second.Status
            && p.First.Reason == p.Second.Reason && p.First.Message == p.Second.Message);
    }
}
