namespace Orchestrator.ControllerManager.Controllers.Job;

/// <summary>When a finished Job with <c>ttlSecondsAfterFinished</c> expires (upstream ttlafterfinished controller).</summary>
internal static class TtlAfterFinished
{
    /// <summary>
    /// Null when the Job is not finished or has no TTL; otherwise the time left until it must be
    /// deleted (zero or negative: delete now).
    /// </summary>
    public static TimeSpan? Remaining(V1Job job, DateTimeOffset now)
    {
        if (job.Spec.TtlSecondsAfterFinished is not { } ttl || job.Metadata.DeletionTimestamp is not null || !JobConditions.IsFinished(job))
        {
            return null;
        }

        var finishedAt = (job.Status.Conditions ?? [])
            .Where(c => c.Type is JobConstants.Complete or JobConstants.Failed && c.Status == "True")
            .Select(c => c.LastTransitionTime)
            .FirstOrDefault(t => t is not null) ?? job.Status.CompletionTime;
        if (finishedAt is not { } at)
        {
            return null;
        }

        return new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)).AddSeconds(ttl) - now;
    }
}
