using Orchestrator.KubeProxy.Backends.Nftables;
using Orchestrator.KubeProxy.Backends.Nftables.Netlink;
using Orchestrator.KubeProxy.Tests.Plan;
using Orchestrator.Testing;

namespace Orchestrator.KubeProxy.Tests.Backends.Nftables.Netlink;

/// <summary>
/// One <see cref="NftNetlink"/> sends every batch on one socket: batches after a refused one must get their own
/// verdicts, never a reply left over from an earlier batch.
/// </summary>
public sealed class NftNetlinkTests : IAsyncLifetime
{
    private NetworkNamespace? ns;

    public async Task InitializeAsync() => ns = await NetworkNamespace.CreateAsync();

    public async Task DisposeAsync()
    {
        if (ns is not null)
        {
            await ns.DisposeAsync();
        }
    }

    [NetnsFact]
    public async Task Batches_before_and_after_a_refused_one_get_their_own_verdicts()
    {
        var netlink = new NftNetlink(ns!.Name);
        var plan = PlanFixtures.ClusterIpTwoEndpoints;
        netlink.Apply(NftablesRenderer.PlanFull(plan, plan.Services.Select(p => NftServiceRenderer.Render(p, plan.Node))));
        netlink.Apply([NftOperation.AddChain("scratch")]);
        netlink.Apply([NftOperation.AddRule("scratch", "jump mark-for-masquerade")]);

        var refused = Assert.Throws<NftNetlinkException>(() => netlink.Apply([NftOperation.AddRule("scratch", "jump no-such-chain")]));
        var again = Assert.Throws<NftNetlinkException>(() => netlink.Apply([NftOperation.FlushChain("no-such-chain")]));
        netlink.Apply([NftOperation.FlushChain("scratch"), NftOperation.DeleteChain("scratch")]);

        Assert.Contains("add rule ip kube-proxy scratch jump no-such-chain", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(";", refused.Message, StringComparison.Ordinal);
        Assert.Contains("flush chain ip kube-proxy no-such-chain: No such file or directory (errno 2)", again.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("jump no-such-chain", again.Message, StringComparison.Ordinal);
        var listed = await ns.ExecCheckedAsync("nft", ["list", "table", "ip", "kube-proxy"]);
        Assert.DoesNotContain("scratch", listed, StringComparison.Ordinal);
        Assert.Contains("chain mark-for-masquerade", listed, StringComparison.Ordinal);
    }
}
