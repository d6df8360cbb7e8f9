using Orchestrator.Testing;

namespace Orchestrator.Kubelet.Tests.Network;

/// <summary>A link with carrier on 192.0.2.0/24 (TEST-NET-1) inside a scratch namespace: a veth pair with both ends there, lan0 at .2.</summary>
internal static class LanLink
{
    public static async Task AddAsync(NetworkNamespace ns)
    {
        await ns.AddVethPairAsync("lan0", "lan1");
        await ns.IpAsync(["addr", "add", "192.0.2.2/24", "dev", "lan0"]);
    }
}
