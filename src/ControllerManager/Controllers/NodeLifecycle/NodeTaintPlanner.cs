namespace Orchestrator.ControllerManager.Controllers.NodeLifecycle;

/// <summary>
/// The taints upstream's node lifecycle controller keeps in step with node conditions: NoExecute
/// not-ready / unreachable from the Ready condition, and the NoSchedule condition taints.
/// </summary>
internal static class NodeTaintPlanner
{
    public const string NotReady = "node.kubernetes.io/not-ready";
    public const string Unreachable = "node.kubernetes.io/unreachable";
    public const string Unschedulable = "node.kubernetes.io/unschedulable";
    public const string NoExecute = "NoExecute";
    public const string NoSchedule = "NoSchedule";

    /// <summary>Condition type and status → the NoSchedule taint key it calls for (upstream's nodeConditionToTaintKeyStatusMap).</summary>
    private static readonly (string Type, string Status, string Key)[] NoScheduleByCondition =
    [
        (NodeConditions.Ready, "False", NotReady),
        (NodeConditions.Ready, "Unknown", Unreachable),
        ("MemoryPressure", "True", "node.kubernetes.io/memory-pressure"),
        ("DiskPressure", "True", "node.kubernetes.io/disk-pressure"),
        ("NetworkUnavailable", "True", "node.kubernetes.io/network-unavailable"),
        ("PIDPressure", "True", "node.kubernetes.io/pid-pressure"),
    ];

    private static readonly HashSet<(string Key, string Effect)> Managed =
    [
        (NotReady, NoExecute),
        (Unreachable, NoExecute),
        (Unschedulable, NoSchedule),
        .. NoScheduleByCondition.Select(c => (c.Key, NoSchedule)),
    ];

    /// <summary>
    /// The node's taints once the managed ones match its conditions: taints already there keep their
    /// timeAdded, new NoExecute ones get now. Null when nothing changes.
    /// </summary>
    public static IList<V1Taint>? Compute(IEnumerable<V1NodeCondition>? conditions, bool unschedulable, IEnumerable<V1Taint>? current, DateTime now)
    {
        var existing = (current ?? []).ToList();
        var desired = Desired(conditions?.ToList() ?? [], unschedulable);
        var result = existing.Where(t => !Managed.Contains((t.Key, t.Effect)) || desired.Contains((t.Key, t.Effect))).ToList();
        foreach (var (key, effect) in desired)
        {
            if (!result.Any(t => t.Key == key && t.Effect == effect))
            {
                result.Add(new V1Taint { Key = key, Effect = effect, TimeAdded = effect == NoExecute ? now : null });
            }
        }

        return result.Count == existing.Count && result.All(existing.Contains) ? null : result;
    }

    private static HashSet<(string Key, string Effect)> Desired(List<V1NodeCondition> conditions, bool unschedulable)
    {
        var desired = new HashSet<(string, string)>();
        switch (NodeConditions.Find(conditions, NodeConditions.Ready)?.Status)
        {
            case "False":
                desired.Add((NotReady, NoExecute));
                break;
            case "Unknown":
                desired.Add((Unreachable, NoExecute));
                break;
        }

        foreach (var (type, status, key) in NoScheduleByCondition)
        {
            if (NodeConditions.Find(conditions, type)?.Status == status)
            {
                desired.Add((key, NoSchedule));
            }
        }

        if (unschedulable)
        {
            desired.Add((Unschedulable, NoSchedule));
        }

        return desired;
    }
}
