namespace Orchestrator.ControllerManager.Controllers.NodeLifecycle;

/// <summary>The node conditions the lifecycle controller reads and, when a kubelet goes silent, sets to Unknown.</summary>
internal static class NodeConditions
{
    public const string Ready = "Ready";

    /// <summary>The conditions upstream marks Unknown when the kubelet stops posting status.</summary>
    public static IReadOnlyList<string> Monitored { get; } = [Ready, "MemoryPressure", "DiskPressure", "PIDPressure"];

    public static V1NodeCondition? Find(IEnumerable<V1NodeCondition>? conditions, string type) =>
        conditions?.FirstOrDefault(c => c.Type == type);

    /// <summary>
    /// The conditions with every monitored one Unknown (reason NodeStatusUnknown, or NodeStatusNeverUpdated
    /// for one never posted); null when they already all are, so nothing needs writing.
    /// </summary>
    public static IList<V1NodeCondition>? MarkUnknown(IEnumerable<V1NodeCondition>? current, DateTime? created, DateTime now)
    {
        var conditions = (current ?? []).Select(Copy).ToList();
        var changed = false;
        foreach (var type in Monitored)
        {
            var condition = conditions.FirstOrDefault(c => c.Type == type);
            if (condition is null)
            {
                conditions.Add(new V1NodeCondition
                {
                    Type = type,
                    Status = "Unknown",
                    Reason = "NodeStatusNeverUpdated",
                    Message = "Kubelet never posted node status.",
                    LastHeartbeatTime = created,
                    LastTransitionTime = now,
                });
                changed = true;
            }
            else if (condition.Status != "Unknown")
            {
                condition.Status = "Unknown";
                condition.Reason = "NodeStatusUnknown";
                condition.Message = "Kubelet stopped posting node status.";
                condition.LastTransitionTime = now;
                changed = true;
            }
        }

        return changed ? conditions : null;
    }

    private static V1NodeCondition Copy(V1NodeCondition c) => new()
    {
        Type = c.Type,
        Status = c.Status,
        Reason = c.Reason,
        Message = c.Message,
        LastHeartbeatTime = c.LastHeartbeatTime,
        LastTransitionTime = c.LastTransitionTime,
    };
}
