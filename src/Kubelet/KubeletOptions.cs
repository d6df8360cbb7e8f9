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

    /// <summary>The cluster DNS servers written into ClusterFirst pods' resolv.conf (upstream clusterDNS; the kube-dns Service).</summary>
    public IReadOnlyList<string> ClusterDns { get; init; } = ["10.96.0.10"];

    /// <summary>The cluster domain pods' search list is built from (upstream clusterDomain).</summary>
    public string ClusterDomain { get; init; } = "cluster.local";

    /// <summary>The host resolver configuration Default pods copy and ClusterFirst pods take search domains from (upstream resolvConf).</summary>
    public string ResolvConf { get; init; } = "/etc/resolv.conf";
}
