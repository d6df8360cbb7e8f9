namespace Orchestrator.ControllerManager.Controllers.NodeLifecycle;

/// <summary>Timing of the node lifecycle controller (upstream kube-controller-manager flags of the same names).</summary>
internal sealed record NodeLifecycleOptions
{
    /// <summary>How long a node may go without a renewed lease or Ready heartbeat before it is marked Unknown (--node-monitor-grace-period).</summary>
    public TimeSpan NodeMonitorGracePeriod { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>The same for a node that never posted a Ready condition (--node-startup-grace-period).</summary>
    public TimeSpan NodeStartupGracePeriod { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often every node's health is checked again (--node-monitor-period).</summary>
    public TimeSpan NodeMonitorPeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The namespace of the kubelets' heartbeat leases.</summary>
    public string LeaseNamespace { get; init; } = "kube-node-lease";

    public void Validate()
    {
        if (NodeMonitorGracePeriod <= TimeSpan.Zero || NodeStartupGracePeriod <= TimeSpan.Zero || NodeMonitorPeriod <= TimeSpan.Zero)
        {
            throw new ArgumentException("node lifecycle periods must be positive");
        }
    }
}
