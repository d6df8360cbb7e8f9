using Orchestrator.Kubelet.Network;
using Orchestrator.Kubelet.Runtime.Containerd;
using Orchestrator.Testing;

namespace Orchestrator.Kubelet.Tests.Network;

/// <summary><see cref="RouteTable"/> against the real kernel, in a scratch network namespace with one link on 192.0.2.0/24.</summary>
public sealed class RouteTableTests : IAsyncLifetime
{
    private NetworkNamespace _ns = null!;
    private RouteTable _table = null!;

    public async Task InitializeAsync()
    {
        _ns = await NetworkNamespace.CreateAsync();
        await _ns.SetUpAsync(LanLink.AddAsync);
        _table = new RouteTable((file, args, stdin, ct) => _ns.ExecAsync(file, args, stdin, ct));
    }

    public async Task DisposeAsync() => await _ns.DisposeAsync();

    [NetnsFact]
    public async Task Applied_routes_carry_proto_149_and_read_back_as_ours_while_other_routes_stay_foreign()
    {
        await _ns.IpAsync(["route", "add", "198.51.100.0/24", "via", "192.0.2.9"]);
        await _table.ApplyAsync(Plan(replace: ["10.99.1.0/24 192.0.2.3", "10.99.2.0/24 192.0.2.4"]), CancellationToken.None);

        var state = await _table.ReadAsync(CancellationToken.None);

        Assert.Equal(["10.99.1.0/24 via 192.0.2.3", "10.99.2.0/24 via 192.0.2.4"], state.Ours.Select(r => r.ToString()));
        Assert.Contains(Ipv4Cidr.Parse("198.51.100.0/24"), state.Foreign);
        Assert.Contains(Ipv4Cidr.Parse("192.0.2.0/24"), state.Foreign);
        Assert.DoesNotContain(Ipv4Cidr.Parse("10.99.1.0/24"), state.Foreign);
        Assert.Contains("10.99.1.0/24 via 192.0.2.3 dev lan0 proto 149", await _ns.IpAsync(["-4", "route", "show"]), StringComparison.Ordinal);
    }

    [NetnsFact]
    public async Task A_sync_repoints_and_deletes_only_our_routes()
    {
        await _ns.IpAsync(["route", "add", "198.51.100.0/24", "via", "192.0.2.9"]);
        await _table.ApplyAsync(Plan(replace: ["10.99.1.0/24 192.0.2.3", "10.99.2.0/24 192.0.2.4"]), CancellationToken.None);
        var before = await _table.ReadAsync(CancellationToken.None);
        var desired = new[] { Route("10.99.1.0/24 192.0.2.5") };

        var plan = NodeRoutesPlanner.Diff(desired, before.Ours, before.Foreign);
        await _table.ApplyAsync(plan, CancellationToken.None);

        var after = await _table.ReadAsync(CancellationToken.None);
        Assert.Equal(["10.99.1.0/24 via 192.0.2.5"], after.Ours.Select(r => r.ToString()));
        Assert.Contains(Ipv4Cidr.Parse("198.51.100.0/24"), after.Foreign);
        Assert.Empty(NodeRoutesPlanner.Diff(desired, after.Ours, after.Foreign).Replace);
    }

    [NetnsFact]
    public async Task An_unreachable_gateway_fails_the_sync_after_the_other_routes_are_applied()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _table.ApplyAsync(Plan(replace: ["10.99.1.0/24 203.0.113.7", "10.99.2.0/24 192.0.2.4"]), CancellationToken.None));

        Assert.Contains("10.99.1.0/24 via 203.0.113.7", error.Message, StringComparison.Ordinal);
        Assert.Equal(["10.99.2.0/24 via 192.0.2.4"], (await _table.ReadAsync(CancellationToken.None)).Ours.Select(r => r.ToString()));
    }

    private static RoutePlan Plan(string[] replace) => new(replace.Select(Route).ToList(), [], []);

    private static NodeRoute Route(string text)
    {
        var parts = text.Split(' ');
        return new NodeRoute(Ipv4Cidr.Parse(parts[0]), parts[1]);
    }
}
