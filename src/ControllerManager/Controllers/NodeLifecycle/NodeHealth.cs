namespace Orchestrator.ControllerManager.Controllers.NodeLifecycle;

/// <summary>
/// What the controller last saw of a node's heartbeats. ProbeTimestamp is this controller's own clock
/// when a heartbeat last changed (the Ready condition's lastHeartbeatTime or the lease's renewTime), so
/// skew between node and controller clocks does not matter — as upstream's nodeHealthData.
/// </summary>
internal sealed record NodeHealth(DateTime ProbeTimestamp, DateTime? ReadyHeartbeat, DateTime? LeaseRenewTime)
{
    public static NodeHealth Observe(NodeHealth? previous, V1Node node, V1Lease? lease, DateTime now)
    {
        var heartbeat = NodeConditions.Find(node.Status?.Conditions, NodeConditions.Ready)?.LastHeartbeatTime;
        var renewed = lease?.Spec?.RenewTime;
        if (previous is null)
        {
            // First sight (also after a restart): the node gets a whole grace period from now.
            return new NodeHealth(now, heartbeat, renewed);
        }

        var probe = previous.ProbeTimestamp;
        if (heartbeat is not null && heartbeat != previous.ReadyHeartbeat)
        {
            probe = now;
        }

        if (renewed is not null && (previous.LeaseRenewTime is null || renewed > previous.LeaseRenewTime))
        {
            probe = now;
        }

        return new NodeHealth(probe, heartbeat ?? previous.ReadyHeartbeat, renewed ?? previous.LeaseRenewTime);
    }

    /// <summary>Whether nothing was heard for longer than the grace period (the startup one if Ready was never posted).</summary>
    public bool IsStale(V1Node node, DateTime now, NodeLifecycleOptions options)
    {
        var grace = NodeConditions.Find(node.Status?.Conditions, NodeConditions.Ready) is null
            ? options.NodeStartupGracePeriod
            : options.NodeMonitorGracePeriod;
        return now > ProbeTimestamp + grace;
    }
}
