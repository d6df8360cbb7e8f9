namespace Orchestrator.ControllerManager.Controllers.Job;

/// <summary>Job condition helpers (upstream ensureJobConditionStatus, IsJobFinished).</summary>
internal static class JobConditions
{
    public static V1JobCondition New(string type, string reason, string message, DateTimeOffset now) => new()
    {
        Type = type,
        Status = "True",
        Reason = string.IsNullOrEmpty(reason) ? null : reason,
        Message = string.IsNullOrEmpty(message) ? null : message,
        LastProbeTime = now.UtcDateTime,
        LastTransitionTime = now.UtcDateTime,
    };

    public static V1JobCondition? Find(IEnumerable<V1JobCondition>? conditions, string type) =>
        conditions?.FirstOrDefault(c => c.Type == type);

    public static bool IsTrue(IEnumerable<V1JobCondition>? conditions, string type) => Find(conditions, type)?.Status == "True";

    public static bool IsFinished(V1Job job) =>
        IsTrue(job.Status?.Conditions, JobConstants.Complete) || IsTrue(job.Status?.Conditions, JobConstants.Failed);

    /// <summary>
    /// Sets a condition of <paramref name="type"/> to the given status, reason and message, touching
    /// the transition time only on change; a False condition that does not exist is not added.
    /// </summary>
    public static IList<V1JobCondition> Ensure(
        IList<V1JobCondition>? conditions, string type, string status, string? reason, string? message, DateTimeOffset now)
    {
        var list = new List<V1JobCondition>(conditions ?? []);
        var index = list.FindIndex(c => c.Type == type);
        var fresh = new V1JobCondition
        {
            Type = type,
            Status = status,
            Reason = string.IsNullOrEmpty(reason) ? null : reason,
            Message = string.IsNullOrEmpty(message) ? null : message,
            LastProbeTime = now.UtcDateTime,
            LastTransitionTime = now.UtcDateTime,
        };
        if (index >= 0)
        {
            var old = list[index];
            if (old.Status != status || (old.Reason ?? "") != (reason ?? "") || (old.Message ?? "") != (message ?? ""))
            {
                list[index] = fresh;
            }

            return list;
        }

        if (status != "False")
        {
            list.Add(fresh);
        }

        return list;
    }
}
