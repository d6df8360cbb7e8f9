namespace Orchestrator.ControllerManager.Controllers.Deployment;

/// <summary>Condition list edits with upstream's rules (<c>SetDeploymentCondition</c> and friends).</summary>
internal static class DeploymentConditions
{
    public static V1DeploymentCondition? Get(V1DeploymentStatus? status, string type) =>
        status?.Conditions?.FirstOrDefault(c => c.Type == type);

    public static V1DeploymentCondition New(string type, string status, string reason, string message, DateTimeOffset now)
    {
        var at = Truncate(now);
        return new V1DeploymentCondition { Type = type, Status = status, Reason = reason, Message = message, LastUpdateTime = at, LastTransitionTime = at };
    }

    /// <summary>
    /// Adds or replaces the condition of its type; a condition with the same status and reason is
    /// left alone, and an unchanged status keeps its lastTransitionTime.
    /// </summary>
    public static void Set(V1DeploymentStatus status, V1DeploymentCondition condition)
    {
        var current = Get(status, condition.Type);
        if (current is not null && current.Status == condition.Status && current.Reason == condition.Reason)
        {
            return;
        }

        if (current is not null && current.Status == condition.Status)
        {
            condition.LastTransitionTime = current.LastTransitionTime;
        }

        Remove(status, condition.Type);
        status.Conditions ??= [];
        status.Conditions.Add(condition);
    }

    public static void Remove(V1DeploymentStatus status, string type)
    {
        var kept = (status.Conditions ?? []).Where(c => c.Type != type).ToList();
        status.Conditions = kept;
    }

    /// <summary>Condition times are stored with second precision.</summary>
    public static DateTime Truncate(DateTimeOffset now) =>
        new(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}
