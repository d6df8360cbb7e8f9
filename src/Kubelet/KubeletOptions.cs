namespace Orchestrator.Kubelet;

/// <summary>Timings of a kubelet (defaults are upstream's).</summary>
public sealed record KubeletOptions
{
    /// <summary>The duration written into each node's Lease (upstream nodeLeaseDurationSeconds, 40).</summary>
    public int NodeLeaseDurationSeconds { get; init; } = 40;

    /// <summary>How often a node renews its Lease: upstream's 25 % of the lease duration unless set.</summary>
    public TimeSpan? LeaseRenewIntervalOverride { get; init; }

    public TimeSpan LeaseRenewInterval => LeaseRenewIntervalOverride ?? TimeSpan.FromSeconds(NodeLeaseDurationSeconds / 4.0);

    /// <summary>How often node status is re-posted when nothing changed (upstream nodeStatusReportFrequency: 5 min).</summary>
    public TimeSpan NodeStatusReportInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Pod workers running at once (status writes are I/O bound).</summary>
    public int PodWorkers { get; init; } = 16;

    /// <summary>Nodes registered at once on start-up.</summary>
    public int RegistrationConcurrency { get; init; } = 32;
}
