using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Client;
using Orchestrator.Kubelet.Network;
using Orchestrator.Kubelet.Runtime.Containerd;
using Orchestrator.Testing;

namespace Orchestrator.Kubelet.Tests.Network;

/// <summary>
/// The controller against a real in-process API server, programming a scratch network namespace: Node objects in,
/// routes and the masquerade table out.
/// </summary>
public sealed class PodNetworkControllerTests : IAsyncLifetime
{
    private const string Table = "orccccccccc-masq";

    private readonly string _procSys = Directory.CreateTempSubdirectory("orc-sysctl-").FullName;
    private InProcessApiServer _api = null!;
    private NetworkNamespace _ns = null!;
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_procSys, "net/ipv4"));
        await File.WriteAllTextAsync(Path.Combine(_procSys, "net/ipv4/ip_forward"), "0\n");
        _ns = await NetworkNamespace.CreateAsync();
        await _ns.SetUpAsync(async ns =>
        {
            await LanLink.AddAsync(ns);
            _api = await InProcessApiServer.StartAsync();
        });
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.WaitAsync(TimeSpan.FromSeconds(10));
        await _ns.DisposeAsync();
        await _api.DisposeAsync();
        _stop.Dispose();
        Directory.Delete(_procSys, recursive: true);
    }

    [NetnsFact]
    public async Task Routes_follow_node_objects_and_the_masquerade_table_lives_while_the_controller_runs()
    {
        await CreateNodeAsync("a", "10.97.1.0/24", "192.0.2.2");
        await CreateNodeAsync("b", "10.97.2.0/24", "192.0.2.3");
        Start();

        await RoutesAsync("b's podCIDR via b", ["10.97.2.0/24 via 192.0.2.3 dev lan0"]);
        Assert.Contains("masquerade", await _ns.ExecCheckedAsync("nft", ["list", "table", "ip", Table]), StringComparison.Ordinal);
        Assert.Equal("1", (await File.ReadAllTextAsync(Path.Combine(_procSys, "net/ipv4/ip_forward"))).Trim());

        await CreateNodeAsync("c", "10.97.3.0/24", "192.0.2.4");
        await RoutesAsync("a new node c is routed", ["10.97.2.0/24 via 192.0.2.3 dev lan0", "10.97.3.0/24 via 192.0.2.4 dev lan0"]);

        await _api.Client.CoreV1.PatchNodeStatusAsync(new V1Patch("""{"status":{"addresses":[{"type":"InternalIP","address":"192.0.2.14"}]}}""", V1Patch.PatchType.MergePatch), "c");
        await RoutesAsync("c's new address is followed", ["10.97.2.0/24 via 192.0.2.3 dev lan0", "10.97.3.0/24 via 192.0.2.14 dev lan0"]);

        await _api.Client.CoreV1.DeleteNodeAsync("b");
        await RoutesAsync("a deleted node's route is removed", ["10.97.3.0/24 via 192.0.2.14 dev lan0"]);

        await _stop.CancelAsync();
        await _running.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(Table, await _ns.ExecCheckedAsync("nft", ["list", "tables"]), StringComparison.Ordinal);
        Assert.Contains("10.97.3.0/24", await _ns.IpAsync(["-4", "route", "show", "proto", "149"]), StringComparison.Ordinal);
    }

    [NetnsFact]
    public async Task A_route_deleted_behind_the_controllers_back_comes_back_on_the_periodic_resync()
    {
        await CreateNodeAsync("a", "10.97.1.0/24", "192.0.2.2");
        await CreateNodeAsync("b", "10.97.2.0/24", "192.0.2.3");
        Start(resync: TimeSpan.FromMilliseconds(300));
        await RoutesAsync("b's podCIDR via b", ["10.97.2.0/24 via 192.0.2.3 dev lan0"]);

        await _ns.IpAsync(["route", "del", "10.97.2.0/24"]);
        await _ns.ExecCheckedAsync("nft", ["delete", "table", "ip", Table]);

        await RoutesAsync("the route is restored", ["10.97.2.0/24 via 192.0.2.3 dev lan0"]);
        await Eventually.TrueAsync(async () => (await _ns.ExecAsync("nft", ["list", "table", "ip", Table])).Succeeded, "the masquerade table is restored");
    }

    private void Start(TimeSpan? resync = null)
    {
        var options = new PodNetworkOptions("a", Ipv4Cidr.Parse("10.97.0.0/16"), Table) { ProcSys = _procSys, ResyncPeriod = resync ?? TimeSpan.FromSeconds(10) };
        _running = ComponentHost.RunAsync("kubelet", _api.CreateClient(), NullLoggerFactory.Instance,
            context => [new PodNetworkController(context, options, (file, args, stdin, ct) => _ns.ExecAsync(file, args, stdin, ct))], null, _stop.Token);
    }

    private async Task RoutesAsync(string what, string[] expected)
    {
        string last = string.Empty;
        await Eventually.TrueAsync(async () =>
        {
            last = await _ns.IpAsync(["-4", "route", "show", "proto", "149"]);
            return last.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).SequenceEqual(expected);
        }, what, TimeSpan.FromSeconds(10), () => Task.FromResult(last));
    }

    private async Task CreateNodeAsync(string name, string podCidr, string ip)
    {
        var node = await _api.Client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = name }, Spec = new V1NodeSpec { PodCIDR = podCidr, PodCIDRs = [podCidr] } });
        node.Status = new V1NodeStatus { Addresses = [new V1NodeAddress { Type = "InternalIP", Address = ip }] };
        await _api.Client.CoreV1.ReplaceNodeStatusAsync(node, name);
    }
}
