namespace Orchestrator.ControllerManager.Controllers.NodeIpam;

/// <summary>Pod address ranges (upstream --cluster-cidr and --node-cidr-mask-size).</summary>
internal sealed record NodeIpamOptions
{
    public string ClusterCidr { get; init; } = "10.244.0.0/16";

    public int NodeCidrMaskSize { get; init; } = 24;
}
