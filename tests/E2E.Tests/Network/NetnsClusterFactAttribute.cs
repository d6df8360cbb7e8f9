namespace Orchestrator.E2E.Tests.Network;

/// <summary>A fact that needs a <see cref="NetnsCluster"/> (root, iproute2, nftables, containerd …): skipped with the reason elsewhere.</summary>
public sealed class NetnsClusterFactAttribute : FactAttribute
{
    public NetnsClusterFactAttribute()
    {
        if (NetnsCluster.Unavailable() is { } reason)
        {
            Skip = reason;
        }
    }
}
