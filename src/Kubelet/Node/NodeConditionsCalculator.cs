namespace Orchestrator.Kubelet.Node;

/// <summary>
/// The node's four conditions from one usage sample and the CRI runtime conditions (pure; upstream's
/// nodestatus setters with the eviction manager's pressure signals). Reasons and messages are upstream's.
/// A condition keeps its previous <c>lastTransitionTime</c> while its status does not change.
/// </summary>
internal static class NodeConditionsCalculator
{
    public static IList<V1NodeCondition> Compute(
        NodeUsage usage,
        IReadOnlyList<RuntimeCondition>? runtime,
        NodeReservations thresholds,
        IEnumerable<V1NodeCondition>? previous,
        DateTime now)
    {
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(thresholds);
        var before = (previous ?? []).Where(c => c.Type is not null).GroupBy(c => c.Type).ToDictionary(g => g.Key, g => g.First());
        var memoryPressure = usage.MemoryAvailableBytes < thresholds.EvictionMemoryAvailableBytes;
        var diskPressure = usage.NodeFsAvailableBytes < (long)(thresholds.EvictionNodeFsAvailableFraction * (float)usage.NodeFsCapacityBytes);
        var pidPressure = usage.MaxPid - usage.RunningProcesses < (long)(thresholds.PidAvailableFraction * (float)usage.MaxPid);
        var notReady = ReadyErrors(runtime);

        V1NodeCondition Make(string type, bool status, string reason, string message) => new()
        {
            Type = type,
            Status = status ? "True" : "False",
            Reason = reason,
            Message = message,
            LastHeartbeatTime = now,
            LastTransitionTime = before.TryGetValue(type, out var old) && old.Status == (status ? "True" : "False") && old.LastTransitionTime is { } since ? since : now,
        };

        return
        [
            memoryPressure
                ? Make("MemoryPressure", true, "KubeletHasInsufficientMemory", "kubelet has insufficient memory available")
                : Make("MemoryPressure", false, "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
            diskPressure
                ? Make("DiskPressure", true, "KubeletHasDiskPressure", "kubelet has disk pressure")
                : Make("DiskPressure", false, "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
            pidPressure
                ? Make("PIDPressure", true, "KubeletHasInsufficientPID", "kubelet has insufficient PID available")
                : Make("PIDPressure", false, "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
            notReady is null
                ? Make("Ready", true, "KubeletReady", "kubelet is posting ready status")
                : Make("Ready", false, "KubeletNotReady", notReady),
        ];
    }

    /// <summary>
    /// Why the node is not ready, or null: the runtime's then the network's error, joined as upstream's
    /// error aggregate (one error alone, several as <c>[a, b]</c>).
    /// </summary>
    public static string? ReadyErrors(IReadOnlyList<RuntimeCondition>? runtime)
    {
        if (runtime is null)
        {
            return "container runtime status check may not have completed yet";
        }

        var errors = new List<string>();
        var runtimeReady = runtime.FirstOrDefault(c => c.Type == RuntimeCondition.RuntimeReady);
        if (runtimeReady is not { Status: true })
        {
            errors.Add($"container runtime not ready: {runtimeReady?.ToString() ?? "<nil>"}");
        }

        var networkReady = runtime.FirstOrDefault(c => c.Type == RuntimeCondition.NetworkReady);
        if (networkReady is not { Status: true })
        {
            errors.Add($"container runtime network not ready: {networkReady?.ToString() ?? "<nil>"}");
        }

        return errors.Count switch
        {
            0 => null,
            1 => errors[0],
            _ => "[" + string.Join(", ", errors) + "]",
        };
    }
}
