using Orchestrator.ControllerManager.Controllers.ServiceLoadBalancer;

namespace Orchestrator.ControllerManager;

/// <summary>
/// Which controllers run and how the controller manager elects its leader. Controller names are
/// upstream's (kube-controller-manager --controllers): "*" for all, "-name" to turn one off.
/// </summary>
public sealed record ControllerManagerOptions
{
    /// <summary>The <see cref="LoadBalancerIpPool"/> value for the nodes' own addresses.</summary>
    public const string NodesPool = "nodes";

    public IReadOnlyList<string> Controllers { get; init; } = ["*"];

    /// <summary>Run only while holding the kube-system/kube-controller-manager Lease (default true).</summary>
    public bool LeaderElect { get; init; } = true;

    /// <summary>This replica's identity in the Lease (default: host name + random suffix).</summary>
    public string Identity { get; init; } = Environment.MachineName + "_" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>How long a node may go without a heartbeat before it is marked Unknown (upstream --node-monitor-grace-period, 40 s).</summary>
    public TimeSpan NodeMonitorGracePeriod { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>The range node podCIDRs are cut from (upstream --cluster-cidr).</summary>
    public string ClusterCidr { get; init; } = "10.244.0.0/16";

    /// <summary>
    /// Where LoadBalancer Services get their addresses: "nodes" (default, like k3s servicelb) for the
    /// addresses of the ready, schedulable nodes, or a comma-separated list of IPv4 CIDRs and
    /// a.b.c.d-a.b.c.e ranges to hand out one address per Service from.
    /// </summary>
    public string LoadBalancerIpPool { get; init; } = NodesPool;

    /// <summary>The CSR signer's CA and longest lifetime (--cluster-signing-cert-file, --cluster-signing-key-file, --cluster-signing-duration).</summary>
    public Controllers.CsrSigning.CsrSigningOptions Signing { get; init; } = new();

    /// <summary>
    /// The cluster CA bundle (PEM) published into every namespace as the <c>kube-root-ca.crt</c> ConfigMap
    /// (upstream --root-ca-file, read by the command). Null: the root-ca-cert-publisher does not run.
    /// </summary>
    public string? RootCaBundle { get; init; }

    /// <summary>The HPA controller's sync period, tolerance and delays (--horizontal-pod-autoscaler-*).</summary>
    public Controllers.HorizontalPodAutoscaler.HorizontalPodAutoscalerOptions HorizontalPodAutoscaler { get; init; } = new();

    /// <summary>The image-update controller's poll interval, back-off cap and request timeout (--image-update-*; not upstream's).</summary>
    public Controllers.ImageUpdate.ImageUpdateOptions ImageUpdate { get; init; } = new();

    /// <summary>Checks the options that can be wrong; call at start-up.</summary>
    /// <exception cref="ArgumentException">With a message naming the option and what is wrong.</exception>
    public void Validate()
    {
        HorizontalPodAutoscaler.Validate();
        ImageUpdate.Validate();
        try
        {
            _ = LoadBalancerAddressPool();
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"--load-balancer-ip-pool must be \"{NodesPool}\" or a comma list of IPv4 CIDRs and ranges: {e.Message}", e);
        }
    }

    /// <summary>The parsed <see cref="LoadBalancerIpPool"/>; null for "nodes".</summary>
    internal AddressPool? LoadBalancerAddressPool() =>
        LoadBalancerIpPool == NodesPool ? null : AddressPool.Parse(LoadBalancerIpPool);

    public bool Enabled(string name) =>
        !Controllers.Contains("-" + name) && (Controllers.Contains("*") || Controllers.Contains(name))
        && (name != Orchestrator.ControllerManager.Controllers.RootCaPublisher.RootCaPublisherController.ControllerName || RootCaBundle is not null);
}
