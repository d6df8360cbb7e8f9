namespace Orchestrator.ControllerManager.Controllers.Job;

/// <summary>
/// The status bookkeeping of finalizer-based pod tracking (upstream trackJobStatusAndRemoveFinalizers):
/// a finished pod is first written to <c>uncountedTerminatedPods</c>, then its finalizer is removed,
/// then it moves into the <c>succeeded</c>/<c>failed</c> counters. A crash at any point neither loses
/// nor double-counts a pod.
/// </summary>
internal static class JobStatusTracking
{
    /// <summary>
    /// Moves the uncounted UIDs whose pods no longer hold the finalizer into the counters.
    /// Returns whether anything changed.
    /// </summary>
    public static bool CountReleased(V1JobStatus status, IReadOnlySet<string> uidsWithFinalizer)
    {
        var uncounted = status.UncountedTerminatedPods;
        if (uncounted is null)
        {
            return false;
        }

        var changed = false;
        var keepSucceeded = (uncounted.Succeeded ?? []).Where(uidsWithFinalizer.Contains).ToList();
        if (keepSucceeded.Count != (uncounted.Succeeded?.Count ?? 0))
        {
            status.Succeeded = (status.Succeeded ?? 0) + uncounted.Succeeded!.Count - keepSucceeded.Count;
            uncounted.Succeeded = keepSucceeded;
            changed = true;
        }

        var keepFailed = (uncounted.Failed ?? []).Where(uidsWithFinalizer.Contains).ToList();
        if (keepFailed.Count != (uncounted.Failed?.Count ?? 0))
        {
            status.Failed = (status.Failed ?? 0) + uncounted.Failed!.Count - keepFailed.Count;
            uncounted.Failed = keepFailed;
            changed = true;
        }

        return changed;
    }

    /// <summary>
    /// Counts released pods, then adds the terminal condition once no pod is uncounted or terminating
    /// (upstream enactJobFinished). Returns the status to write and whether the Job just finished.
    /// </summary>
    public static (V1JobStatus Status, bool Finished) Finish(
        V1JobStatus status, IReadOnlySet<string> uidsWithFinalizer, V1JobCondition? finished, DateTimeOffset now)
    {
        var result = KubernetesJson.Deserialize<V1JobStatus>(KubernetesJson.Serialize(status));
        CountReleased(result, uidsWithFinalizer);
        if (finished is null
            || (result.UncountedTerminatedPods?.Succeeded?.Count ?? 0) + (result.UncountedTerminatedPods?.Failed?.Count ?? 0) > 0
            || (result.Terminating ?? 0) > 0)
        {
            return (result, false);
        }

        result.Conditions = JobConditions.Ensure(result.Conditions, finished.Type, "True", finished.Reason, finished.Message, now);
        if (finished.Type == JobConstants.Complete)
        {
            result.CompletionTime = now.UtcDateTime;
        }

        return (result, true);
    }
}
