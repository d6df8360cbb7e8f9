namespace Orchestrator.ControllerManager;

/// <summary>
/// Which controllers run and how the controller manager elects its leader. Controller names are
/// upstream's (kube-controller-manager --controllers): "*" for all, "-name" to turn one off.
/// </summary>
public sealed record ControllerManagerOptions
{
    public IReadOnlyList<string> Controllers { get; init; } = ["*"];

    /// <summary>Run only while holding the kube-system/kube-controller-manager Lease (default true).</summary>
    public bool LeaderElect { get; init; } = true;

    /// <summary>This replica's identity in the Lease (default: host name + random suffix).</summary>
    public string Identity { get; init; } = Environment.MachineName + "_" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>How long a node may go without a heartbeat before it is marked Unknown (upstream --node-monitor-grace-period, 40 s).</summary>
    public TimeSpan NodeMonitorGracePeriod { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>The range node podCIDRs are cut from (upstream --cluster-cidr).</summary>
    public string ClusterCidr { get; init; } = "10.244.0.0/16";

    public bool Enabled(string name) =>
        !Controllers.Contains("-" + name) && (Controllers.Contains("*") || Controllers.Contains(name));
}
