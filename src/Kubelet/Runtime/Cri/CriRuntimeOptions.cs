namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>Settings of the CRI runtime of one node.</summary>
internal sealed record CriRuntimeOptions(KubeletPaths Paths, string HostIp)
{
    /// <summary>The cgroup (cgroupfs driver) pod cgroups are created under.</summary>
    public string CgroupRoot { get; init; } = "/orchestrator";

    /// <summary>The node's memory, for the out-of-memory score of burstable containers.</summary>
    public long NodeMemoryBytes { get; init; } = 16L << 30;

    /// <summary>The node's OS (<see cref="NodeOs"/>): Windows pods get Windows sandbox and container configs, no cgroups.</summary>
    public string OperatingSystem { get; init; } = NodeOs.Linux;

    /// <summary>The node's processors (a Windows container's CPU limit is a share of all of them).</summary>
    public int NodeCpuCount { get; init; } = Environment.ProcessorCount;

    /// <summary>The shortest stop timeout a container gets (upstream's minimumGracePeriodInSeconds).</summary>
    public TimeSpan MinimumGracePeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Exited containers kept per container name (the newest is always kept; upstream keeps one more for `logs --previous`).</summary>
    public int DeadContainersKept { get; init; } = 2;

    /// <summary>The resolv.conf rules of the node's pods (cluster DNS, domain, host resolv.conf); null: a default kubelet's.</summary>
    public Pods.Dns.PodDnsConfigurer? Dns { get; init; }
}
