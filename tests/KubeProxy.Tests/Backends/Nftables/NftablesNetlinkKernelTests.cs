using Microsoft.Extensions.Logging;
using Orchestrator.KubeProxy.Backends.Nftables;
using Orchestrator.KubeProxy.Backends.Nftables.Netlink;
using Orchestrator.KubeProxy.Plan;
using Orchestrator.KubeProxy.Tests.Plan;
using Orchestrator.Testing;

namespace Orchestrator.KubeProxy.Tests.Backends.Nftables;

/// <summary>
/// The netlink transport against <c>nft -f</c>: the same sequence of plans (a full sync, then incremental ones)
/// applied by one backend through each, in two scratch network namespaces, must leave tables that <c>nft list</c>
/// prints identically after every step.
/// </summary>
public sealed class NftablesNetlinkKernelTests : IAsyncLifetime
{
    private static readonly ProxyPlan Empty = new([], PlanFixtures.Node);
    private NetworkNamespace? viaNft;
    private NetworkNamespace? viaNetlink;
    private readonly MessageLogger logger = new();

    public async Task InitializeAsync()
    {
        viaNft = await NetworkNamespace.CreateAsync();
        viaNetlink = await NetworkNamespace.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var ns in new[] { viaNft, viaNetlink })
        {
            if (ns is not null)
            {
                await ns.DisposeAsync();
            }
        }
    }

    public static TheoryData<string> Sequences => [.. SequencesByName.Keys];

    [NetnsTheory]
    [MemberData(nameof(Sequences))]
    public async Task Both_transports_leave_the_same_table_after_every_sync(string sequence)
    {
        var nft = new NftablesBackend(NftCommand.InNetworkNamespace(viaNft!.Name), NftTransport.Nft, logger);
        var netlink = new NftablesBackend(NftCommand.InNetworkNamespace(viaNetlink!.Name), NftTransport.Netlink, logger);
        var step = 0;
        foreach (var plan in SequencesByName[sequence])
        {
            var expected = await nft.SyncAsync(plan, CancellationToken.None);
            var actual = await netlink.SyncAsync(plan, CancellationToken.None);

            Assert.Equal(expected.Script, actual.Script);
            Assert.Equal(expected.Full, actual.Full);
            Assert.Equal(await ListAsync(viaNft), await ListAsync(viaNetlink));
            step++;
        }

        Assert.True(step > 1);
        Assert.DoesNotContain(logger.Messages, m => m.Level >= LogLevel.Warning);
        Assert.Equal(NftTransport.Netlink, netlink.Transport);
    }

    [NetnsFact]
    public async Task A_refused_batch_names_the_command_applies_nothing_and_the_next_sync_is_full()
    {
        var backend = new NftablesBackend(NftCommand.InNetworkNamespace(viaNetlink!.Name), NftTransport.Netlink, logger);
        var plan = NftablesKernelTests.Combined(PlanFixtures.ClusterIpTwoEndpoints, PlanFixtures.NodePort);
        await backend.SyncAsync(plan, CancellationToken.None);
        var web = plan.Services.Single(p => p.Name.Name == "web");
        var removed = NftNames.EndpointChain(web.Name, web.ClusterEndpoints[1]);
        // Someone else deletes the table under the backend: the kernel refuses the whole batch.
        await viaNetlink.ExecCheckedAsync("nft", ["delete", "table", "ip", "kube-proxy"]);
        var changed = plan with { Services = [.. plan.Services.Select(p => p == web ? web with { ClusterEndpoints = [web.ClusterEndpoints[0]] } : p)] };

        var error = await Assert.ThrowsAsync<NftNetlinkException>(() => backend.SyncAsync(changed, CancellationToken.None));

        Assert.Contains("flush chain ip kube-proxy " + removed + ": No such file or directory (errno 2)", error.Message, StringComparison.Ordinal);
        Assert.False((await viaNetlink.ExecAsync("nft", ["list", "table", "ip", "kube-proxy"])).Succeeded);
        Assert.Contains(logger.Messages, m => m.Message.Contains("the next sync is a full one through nft -f", StringComparison.Ordinal));
        Assert.True((await backend.SyncAsync(changed, CancellationToken.None)).Full);
        Assert.DoesNotContain(web.ClusterEndpoints[1].Ip, await ListAsync(viaNetlink), StringComparison.Ordinal);

        // Back on netlink once nft -f succeeded.
        var restored = await backend.SyncAsync(plan, CancellationToken.None);
        Assert.False(restored.Full);
        Assert.Contains(web.ClusterEndpoints[1].Ip, await ListAsync(viaNetlink), StringComparison.Ordinal);
    }

    private static Dictionary<string, ProxyPlan[]> SequencesByName { get; } = BuildSequences();

    private static Dictionary<string, ProxyPlan[]> BuildSequences()
    {
        var sequences = new Dictionary<string, ProxyPlan[]>(StringComparer.Ordinal);

        // Every fixture added to an empty table by an incremental sync, then removed again.
        foreach (var (name, fixture) in PlanFixtures.All)
        {
            sequences["add and remove " + name] = [Empty, fixture with { Node = PlanFixtures.Node }, Empty];
        }

        // The incremental cases of NftablesKernelTests.
        var four = NftablesKernelTests.Combined(PlanFixtures.ClusterIpTwoEndpoints, PlanFixtures.ClientIpAffinity, PlanFixtures.UdpDns, PlanFixtures.LoadBalancerLocal);
        var web = four.Services.Single(p => p.Name.Name == "web");
        sequences["one endpoint removed"] = [four, four with { Services = [.. four.Services.Select(p => p == web ? web with { ClusterEndpoints = [web.ClusterEndpoints[0]] } : p)] }, four];

        var dns = PlanFixtures.UdpDns.Services;
        sequences["services added and removed"] =
        [
            NftablesKernelTests.Combined(PlanFixtures.UdpDns, PlanFixtures.ClusterIpTwoEndpoints),
            NftablesKernelTests.Combined(PlanFixtures.UdpDns with { Services = [dns[0] with { ClusterEndpoints = [] }, dns[1]] }, PlanFixtures.NoEndpoints),
        ];

        var lb = PlanFixtures.LoadBalancerLocal.Services[0];
        sequences["local endpoint lost"] = [PlanFixtures.LoadBalancerLocal, PlanFixtures.LoadBalancerLocal with { Services = [lb with { ClusterEndpoints = [lb.ClusterEndpoints[1]], LocalEndpoints = [] }] }];

        // Without known node addresses NodePorts answer on every local address but loopback (fib daddr type local).
        var addressless = PlanFixtures.Node with { NodeIps = [] };
        sequences["node without addresses"] =
        [
            PlanFixtures.NodePort with { Node = addressless },
            NftablesKernelTests.Combined(PlanFixtures.NodePort, PlanFixtures.LoadBalancerLocal) with { Node = addressless },
        ];

        var sticky = PlanFixtures.ClientIpAffinity.Services[0];
        sequences["affinity timeout changed"] = [PlanFixtures.ClientIpAffinity, PlanFixtures.ClientIpAffinity with { Services = [sticky with { AffinityTimeoutSeconds = 60 }] }];
        return sequences;
    }

    private static Task<string> ListAsync(NetworkNamespace ns) => ns.ExecCheckedAsync("nft", ["list", "table", "ip", "kube-proxy"]);
}
