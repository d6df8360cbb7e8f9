namespace Orchestrator.Kubelet;

/// <summary>Timings of a kubelet (defaults are upstream's).</summary>
public sealed record KubeletOptions
{
    /// <summary>How often a node renews its Lease (upstream: 25 % of the 40 s lease = 10 s).</summary>
    public TimeSpan LeaseRenewInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often node status is re-posted when nothing changed (upstream nodeStatusReportFrequency: 5 min).</summary>
    public TimeSpan NodeStatusReportInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Pod workers running at once (status writes are I/O bound).</summary>
    public int PodWorkers { get; init; } = 16;

    /// <summary>Nodes registered at once on start-up.</summary>
    public int RegistrationConcurrency { get; init; } = 32;
}
