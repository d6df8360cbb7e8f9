using Orchestrator.KubeProxy.Backends;
using Orchestrator.KubeProxy.Backends.Nftables;
using Orchestrator.KubeProxy.Plan;
using Orchestrator.KubeProxy.Tests.Plan;
using Orchestrator.Testing;

namespace Orchestrator.KubeProxy.Tests.Backends.Nftables;

/// <summary>The nftables backend against the real kernel, in a scratch network namespace.</summary>
public sealed class NftablesKernelTests : IAsyncLifetime
{
    private NetworkNamespace? node;
    private NftablesBackend backend = null!;

    private NetworkNamespace Node => node ?? throw new InvalidOperationException("not initialized");

    public async Task InitializeAsync()
    {
        node = await NetworkNamespace.CreateAsync();
        backend = new NftablesBackend(NftCommand.InNetworkNamespace(node.Name));
    }

    public async Task DisposeAsync()
    {
        if (node is not null)
        {
            await node.DisposeAsync();
        }
    }

    [NetnsFact]
    public async Task Every_fixture_applies_as_one_transaction_and_lists_back()
    {
        foreach (var (name, plan) in PlanFixtures.All)
        {
            var outcome = await backend.SyncAsync(plan, CancellationToken.None);
            Assert.True(outcome.Full, name);
            var listed = await ListAsync();
            foreach (var port in plan.Services)
            {
                Assert.Contains($"{port.ClusterIp} . {port.Name.Protocol} . {port.Port}", listed, StringComparison.Ordinal);
            }

            backend.RequestFullSync();
        }
    }

    [NetnsFact]
    public async Task Maps_hold_the_service_dispatch_and_the_reject_for_no_endpoints()
    {
        var plan = Combined(PlanFixtures.ClusterIpTwoEndpoints, PlanFixtures.NoEndpoints, PlanFixtures.NodePort);
        await backend.SyncAsync(plan, CancellationToken.None);
        var listed = await ListAsync();

        Assert.Contains("10.96.0.20 . tcp . 80 : goto service-", listed, StringComparison.Ordinal);
        Assert.Contains("10.96.0.30 . tcp . 80 comment \"default/empty\" : goto reject-chain", listed, StringComparison.Ordinal);
        Assert.Contains("tcp . 30080 : goto external-", listed, StringComparison.Ordinal);
        Assert.Contains("numgen random mod 2 0 goto endpoint-", listed, StringComparison.Ordinal);
        Assert.Contains("masquerade fully-random", listed, StringComparison.Ordinal);
    }

    [NetnsFact]
    public async Task Removing_one_endpoint_rewrites_only_that_service_then_cleanup_removes_the_table()
    {
        var plan = Combined(PlanFixtures.ClusterIpTwoEndpoints, PlanFixtures.ClientIpAffinity, PlanFixtures.UdpDns, PlanFixtures.LoadBalancerLocal);
        Assert.True((await backend.SyncAsync(plan, CancellationToken.None)).Full);

        var web = plan.Services.Single(p => p.Name.Name == "web");
        var changed = plan with { Services = [.. plan.Services.Select(p => p == web ? web with { ClusterEndpoints = [web.ClusterEndpoints[0]] } : p)] };
        var outcome = await backend.SyncAsync(changed, CancellationToken.None);

        Assert.False(outcome.Full);
        Assert.Contains("delete chain ip kube-proxy " + NftNames.EndpointChain(web.Name, web.ClusterEndpoints[1]), outcome.Script, StringComparison.Ordinal);
        Assert.Contains("flush chain ip kube-proxy " + NftNames.ServiceChain(web.Name), outcome.Script, StringComparison.Ordinal);
        Assert.All(plan.Services.Where(p => p != web), other => Assert.DoesNotContain(NftNames.ServiceBase(other.Name), outcome.Script, StringComparison.Ordinal));
        var listed = await ListAsync();
        Assert.DoesNotContain(web.ClusterEndpoints[1].Ip, listed, StringComparison.Ordinal);
        var webChain = await Node.ExecCheckedAsync("nft", ["list", "chain", "ip", "kube-proxy", NftNames.ServiceChain(web.Name)]);
        Assert.DoesNotContain("numgen", webChain, StringComparison.Ordinal);
        Assert.Contains("goto " + NftNames.EndpointChain(web.Name, web.ClusterEndpoints[0]), webChain, StringComparison.Ordinal);

        Assert.Equal("", (await backend.SyncAsync(changed, CancellationToken.None)).Script);

        await backend.CleanupAsync(CancellationToken.None);
        Assert.False((await Node.ExecAsync("nft", ["list", "table", "ip", "kube-proxy"])).Succeeded);
    }

    [NetnsFact]
    public async Task Incremental_syncs_add_and_remove_services_and_report_stale_udp_endpoints()
    {
        await backend.SyncAsync(Combined(PlanFixtures.UdpDns, PlanFixtures.ClusterIpTwoEndpoints), CancellationToken.None);
        var dns = PlanFixtures.UdpDns.Services;
        var withoutUdpEndpoint = Combined(PlanFixtures.UdpDns with { Services = [dns[0] with { ClusterEndpoints = [] }, dns[1]] }, PlanFixtures.NoEndpoints);

        var outcome = await backend.SyncAsync(withoutUdpEndpoint, CancellationToken.None);

        Assert.False(outcome.Full);
        Assert.Equal([new StaleUdpEndpoint("10.96.0.10", 53, "10.244.1.2")], outcome.StaleUdpEndpoints);
        var listed = await ListAsync();
        Assert.DoesNotContain("default/web", listed, StringComparison.Ordinal);
        Assert.Contains("10.96.0.10 . udp . 53 comment \"kube-system/kube-dns:dns\" : goto reject-chain", listed, StringComparison.Ordinal);
        Assert.Contains("10.96.0.30 . tcp . 80 comment \"default/empty\" : goto reject-chain", listed, StringComparison.Ordinal);
        Assert.Contains("10.96.0.10 . tcp . 53 : goto service-", listed, StringComparison.Ordinal);
    }

    [NetnsFact]
    public async Task Losing_the_local_endpoint_under_external_policy_Local_drops_external_traffic_and_keeps_cluster_traffic()
    {
        await backend.SyncAsync(PlanFixtures.LoadBalancerLocal, CancellationToken.None);
        var lb = PlanFixtures.LoadBalancerLocal.Services[0];
        var remoteOnly = lb with { ClusterEndpoints = [lb.ClusterEndpoints[1]], LocalEndpoints = [] };

        var outcome = await backend.SyncAsync(PlanFixtures.LoadBalancerLocal with { Services = [remoteOnly] }, CancellationToken.None);

        Assert.False(outcome.Full);
        Assert.Contains("delete chain ip kube-proxy " + NftNames.LocalChain(lb.Name), outcome.Script, StringComparison.Ordinal);
        var listed = await ListAsync();
        Assert.Contains("192.168.1.200 . tcp . 443 comment \"default/lb\" : drop", listed, StringComparison.Ordinal);
        Assert.Contains("tcp . 31000 comment \"default/lb\" : drop", listed, StringComparison.Ordinal);
        Assert.Contains("10.96.0.50 . tcp . 443 : goto " + NftNames.ServiceChain(lb.Name), listed, StringComparison.Ordinal);
        Assert.DoesNotContain(NftNames.LocalChain(lb.Name), listed, StringComparison.Ordinal);
    }

    internal static ProxyPlan Combined(params ProxyPlan[] plans) =>
        new([.. plans.SelectMany(p => p.Services).OrderBy(p => p.Name)], PlanFixtures.Node);

    private Task<string> ListAsync() => Node.ExecCheckedAsync("nft", ["list", "table", "ip", "kube-proxy"]);
}
