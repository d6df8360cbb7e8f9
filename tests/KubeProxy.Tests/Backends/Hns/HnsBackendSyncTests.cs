using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.KubeProxy.Backends.Hns;
using Orchestrator.KubeProxy.Plan;
using Orchestrator.KubeProxy.Tests.Plan;

namespace Orchestrator.KubeProxy.Tests.Backends.Hns;

public class HnsBackendSyncTests
{
    private readonly FakeHcn hcn = new(new HcnNetwork { Id = HnsFixtures.NetworkId, Name = "cbr0", Type = "L2Bridge" });

    public HnsBackendSyncTests()
    {
        hcn.AddLocalEndpoint("10.244.1.5");
        hcn.AddLocalEndpoint("10.244.1.6");
    }

    private HnsBackend Backend() => new(hcn, HnsFixtures.L2BridgeOptions, NullLogger<HnsBackend>.Instance);

    private static ProxyPlan WithEndpoints(params string[] ips) => HnsFixtures.NodePortFourEndpoints with
    {
        Services = [HnsFixtures.NodePortFourEndpoints.Services[0] with
        {
            ClusterEndpoints = [.. ips.Select(ip => PlanFixtures.Ready(ip, 8080, isLocal: ip.StartsWith("10.244.1.", StringComparison.Ordinal)))],
        }],
    };

    [Fact]
    public async Task The_first_sync_creates_remote_endpoints_then_one_load_balancer_per_frontend()
    {
        var backend = Backend();

        var outcome = await backend.SyncAsync(HnsFixtures.NodePortFourEndpoints, CancellationToken.None);

        Assert.True(outcome.Full);
        Assert.Equal(["create-ep 10.244.2.7", "create-ep 10.244.2.8", "create-lb 10.96.0.90:80", "create-lb nodeport:30080"], hcn.Calls);
        Assert.All(hcn.LoadBalancers.Values, lb => Assert.Equal(4, lb.HostComputeEndpoints!.Count));
        Assert.Equal(2, backend.RemoteEndpoints["10.244.2.7"].References);
        Assert.True(hcn.Endpoints.Values.Single(e => e.IpAddress == "10.244.2.7").IsRemote);
    }

    [Fact]
    public async Task An_unchanged_plan_reuses_every_load_balancer_by_identifier()
    {
        var backend = Backend();
        await backend.SyncAsync(HnsFixtures.NodePortFourEndpoints, CancellationToken.None);
        hcn.Calls.Clear();

        var outcome = await backend.SyncAsync(HnsFixtures.NodePortFourEndpoints, CancellationToken.None);

        Assert.Empty(hcn.Calls);
        Assert.Equal("", outcome.Script);
    }

    [Fact]
    public async Task An_endpoint_change_modifies_the_load_balancers_and_releases_the_unused_remote_endpoint()
    {
        var backend = Backend();
        await backend.SyncAsync(HnsFixtures.NodePortFourEndpoints, CancellationToken.None);
        var ids = hcn.LoadBalancers.Keys.ToHashSet();
        hcn.Calls.Clear();

        await backend.SyncAsync(WithEndpoints("10.244.1.5", "10.244.1.6", "10.244.2.7"), CancellationToken.None);

        Assert.Equal(["modify-lb 10.96.0.90:80", "modify-lb nodeport:30080", "delete-ep 10.244.2.8"], hcn.Calls);
        Assert.Equal(ids, hcn.LoadBalancers.Keys.ToHashSet());
        Assert.All(hcn.LoadBalancers.Values, lb => Assert.Equal(3, lb.HostComputeEndpoints!.Count));
        Assert.False(backend.RemoteEndpoints.ContainsKey("10.244.2.8"));
        Assert.Equal(2, backend.RemoteEndpoints["10.244.2.7"].References);
    }

    [Fact]
    public async Task Without_modify_support_an_endpoint_change_deletes_and_recreates()
    {
        hcn.ModifyUnsupported = true;
        var backend = Backend();
        await backend.SyncAsync(HnsFixtures.NodePortFourEndpoints, CancellationToken.None);
        hcn.Calls.Clear();

        await backend.SyncAsync(WithEndpoints("10.244.1.5", "10.244.2.7"), CancellationToken.None);

        Assert.Equal(
            ["delete-lb 10.96.0.90:80", "create-lb 10.96.0.90:80", "delete-lb nodeport:30080", "create-lb nodeport:30080", "delete-ep 10.244.2.8"],
            hcn.Calls);
        Assert.Equal(2, hcn.LoadBalancers.Count);
    }

    [Fact]
    public async Task A_removed_service_has_its_load_balancers_and_remote_endpoints_deleted()
    {
        var backend = Backend();
        await backend.SyncAsync(HnsFixtures.NodePortFourEndpoints, CancellationToken.None);
        hcn.Calls.Clear();

        await backend.SyncAsync(ProxyPlan.Empty(PlanFixtures.Node), CancellationToken.None);

        Assert.Equal(["delete-lb 10.96.0.90:80", "delete-lb nodeport:30080", "delete-ep 10.244.2.7", "delete-ep 10.244.2.8"], hcn.Calls);
        Assert.Empty(hcn.LoadBalancers);
        Assert.Equal(2, hcn.Endpoints.Count);
        Assert.Empty(backend.RemoteEndpoints);
    }

    [Fact]
    public async Task Start_up_deletes_load_balancers_left_by_an_earlier_proxy_but_reuses_identical_ones()
    {
        var earlier = Backend();
        await earlier.SyncAsync(HnsFixtures.NodePortFourEndpoints, CancellationToken.None);
        var leftover = hcn.CreateLoadBalancer(new HcnLoadBalancer
        {
            FrontendVips = ["10.96.0.99"],
            HostComputeEndpoints = [hcn.Endpoints.Keys.First()],
            PortMappings = [new HcnPortMapping { Protocol = 6, InternalPort = 8080, ExternalPort = 80 }],
        });
        hcn.Calls.Clear();

        await Backend().SyncAsync(HnsFixtures.NodePortFourEndpoints, CancellationToken.None);

        Assert.Equal(["delete-lb 10.96.0.99:80"], hcn.Calls);
        Assert.False(hcn.LoadBalancers.ContainsKey(leftover.Id!));
        Assert.Equal(2, hcn.LoadBalancers.Count);
    }

    [Fact]
    public async Task A_failed_delete_is_retried_by_later_syncs_until_it_succeeds()
    {
        var backend = Backend();
        await backend.SyncAsync(HnsFixtures.NodePortFourEndpoints, CancellationToken.None);
        var nodePort = hcn.LoadBalancers.Values.Single(lb => lb.FrontendVips is null).Id!;
        hcn.FailingDeletes.Add(nodePort);
        var clusterOnly = HnsFixtures.NodePortFourEndpoints with { Services = [HnsFixtures.NodePortFourEndpoints.Services[0] with { NodePort = 0 }] };

        await backend.SyncAsync(clusterOnly, CancellationToken.None);

        Assert.Equal([nodePort], backend.StaleLoadBalancers);
        hcn.FailingDeletes.Clear();
        hcn.Calls.Clear();
        await backend.SyncAsync(clusterOnly, CancellationToken.None);
        Assert.Equal(["delete-lb nodeport:30080"], hcn.Calls);
        Assert.Empty(backend.StaleLoadBalancers);
    }

    [Fact]
    public async Task At_most_twenty_stale_load_balancers_are_deleted_per_sync()
    {
        var plan = new ProxyPlan(
            [.. Enumerable.Range(0, 25).Select(i => PlanFixtures.Port("default", $"s{i:D2}", "", "tcp", $"10.96.1.{i}", 80) with
            {
                ClusterEndpoints = [PlanFixtures.Ready("10.244.1.5", 8080, isLocal: true)],
            })],
            PlanFixtures.Node);
        var backend = Backend();
        await backend.SyncAsync(plan, CancellationToken.None);
        hcn.Calls.Clear();

        await backend.SyncAsync(ProxyPlan.Empty(PlanFixtures.Node), CancellationToken.None);

        Assert.Equal(HnsBackend.StaleDeletesPerSync, hcn.Calls.Count);
        Assert.Equal(5, backend.StaleLoadBalancers.Count);
        await backend.SyncAsync(ProxyPlan.Empty(PlanFixtures.Node), CancellationToken.None);
        Assert.Empty(hcn.LoadBalancers);
    }

    [Fact]
    public async Task A_missing_network_fails_the_sync_with_a_clear_error()
    {
        var backend = new HnsBackend(hcn, new HnsOptions("nat"), NullLogger<HnsBackend>.Instance);

        var error = await Assert.ThrowsAsync<HcnException>(() => backend.SyncAsync(HnsFixtures.NodePortFourEndpoints, CancellationToken.None));

        Assert.Contains("'nat' not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cleanup_deletes_every_load_balancer_and_the_remote_endpoints_only()
    {
        var backend = Backend();
        await backend.SyncAsync(HnsFixtures.NodePortFourEndpoints, CancellationToken.None);

        await backend.CleanupAsync(CancellationToken.None);

        Assert.Empty(hcn.LoadBalancers);
        Assert.Equal(["10.244.1.5", "10.244.1.6"], hcn.Endpoints.Values.Select(e => e.IpAddress).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Render_uses_hns_endpoint_ids_where_they_exist()
    {
        var json = Backend().Render(HnsFixtures.NodePortFourEndpoints);

        Assert.Contains(hcn.Endpoints.Keys.First(), json, StringComparison.Ordinal);
        Assert.Contains(HnsDocuments.DeterministicGuid("10.244.2.7"), json, StringComparison.Ordinal);
    }
}
