using System.Globalization;
using Orchestrator.Client.Processes;
using Orchestrator.Kubelet.Runtime.Containerd;

namespace Orchestrator.Testing;

/// <summary>
/// Nodes as network namespaces on one "LAN" (multinode-netns.md §1): a <c>lan</c> namespace holding a bridge with the
/// first address of a free /24 (taken with <see cref="NetworkAllocator"/>, never hard-coded), N node namespaces each
/// plugged into the bridge by a veth (<c>eth0</c> at .2, .3 …, <c>lo</c> up, default route via the bridge address), and
/// a veth from the root namespace into the bridge (at .254) so processes in the root namespace (the test, the API
/// server) reach the nodes and the nodes reach them. The lan namespace is a plain switch: no forwarding, no
/// bridge netfilter. Disposing removes the namespaces (and with them every veth, bridge, route and nftables table in
/// them), the root veth and the reservation, also after a half-finished <see cref="CreateAsync"/>.
/// </summary>
public sealed class NetnsTopology : IAsyncDisposable
{
    private const string Bridge = "physnet";
    private const int RootHost = 254;

    private readonly List<NetworkNamespace> _nodes = [];
    private SubnetReservation? _subnet;
    private NetworkNamespace? _lan;
    private string? _rootVeth;

    private NetnsTopology()
    {
    }

    public NetworkNamespace Lan => _lan ?? throw new InvalidOperationException("not created");

    public IReadOnlyList<NetworkNamespace> Nodes => _nodes;

    /// <summary>The LAN's /24.</summary>
    public Ipv4Cidr Subnet => (_subnet ?? throw new InvalidOperationException("not created")).Cidr;

    /// <summary>The bridge's address in the lan namespace: the nodes' default gateway, and where lan-side listeners bind.</summary>
    public string LanAddress => Host(1);

    /// <summary>The root namespace's address on the LAN: where nodes reach processes of the root namespace (the API server).</summary>
    public string RootAddress => Host(RootHost);

    /// <summary>The LAN address of node <paramref name="index"/> (0-based): .2, .3, …</summary>
    public string NodeAddress(int index) => Host(2 + index);

    public static async Task<NetnsTopology> CreateAsync(int nodeCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodeCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nodeCount, RootHost - 2);
        var topology = new NetnsTopology();
        try
        {
            await topology.BuildAsync(nodeCount, cancellationToken);
            return topology;
        }
        catch
        {
            await topology.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        _nodes.Clear();
        if (_lan is not null)
        {
            await _lan.DisposeAsync();
            _lan = null;
        }

        if (_rootVeth is not null)
        {
            // Normally gone with its peer in the lan namespace; deleted here when the peer never got there.
            if (Directory.Exists("/sys/class/net/" + _rootVeth))
            {
                await HostCommand.RunAsync("ip", ["link", "del", _rootVeth]);
            }

            _rootVeth = null;
        }

        _subnet?.Dispose();
        _subnet = null;
    }

    private async Task BuildAsync(int nodeCount, CancellationToken cancellationToken)
    {
        _subnet = await NetworkAllocator.ReserveAsync(24, cancellationToken);
        var suffix = NetworkNamespace.RandomSuffix();
        _lan = await NetworkNamespace.CreateAsync("orc-l", cancellationToken);
        await _lan.IpAsync(["link", "add", Bridge, "type", "bridge"], cancellationToken);
        await _lan.IpAsync(["addr", "add", $"{LanAddress}/24", "dev", Bridge], cancellationToken);
        await _lan.IpAsync(["link", "set", Bridge, "up"], cancellationToken);
        await _lan.ExecCheckedAsync("sysctl", ["-qw", "net.ipv4.ip_forward=0", "net.bridge.bridge-nf-call-iptables=0"], cancellationToken);

        _rootVeth = "orcr-" + suffix;
        await HostCommand.RunCheckedAsync("ip", ["link", "add", _rootVeth, "type", "veth", "peer", "name", "uplink", "netns", _lan.Name], cancellationToken);
        await HostCommand.RunCheckedAsync("ip", ["addr", "add", $"{RootAddress}/24", "dev", _rootVeth], cancellationToken);
        await HostCommand.RunCheckedAsync("ip", ["link", "set", _rootVeth, "up"], cancellationToken);
        await _lan.IpAsync(["link", "set", "uplink", "master", Bridge, "up"], cancellationToken);

        for (var i = 0; i < nodeCount; i++)
        {
            var node = await NetworkNamespace.CreateAsync(string.Create(CultureInfo.InvariantCulture, $"orc-n{i}"), cancellationToken);
            _nodes.Add(node);
            var port = string.Create(CultureInfo.InvariantCulture, $"v{i}");
            await _lan.IpAsync(["link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", node.Name], cancellationToken);
            await _lan.IpAsync(["link", "set", port, "master", Bridge, "up"], cancellationToken);
            await node.IpAsync(["addr", "add", $"{NodeAddress(i)}/24", "dev", "eth0"], cancellationToken);
            await node.IpAsync(["link", "set", "eth0", "up"], cancellationToken);
            // Node-originated traffic to the Service CIDR needs some route before nat OUTPUT can DNAT it.
            await node.IpAsync(["route", "add", "default", "via", LanAddress], cancellationToken);
        }
    }

    private string Host(int index) => Ipv4Cidr.FormatAddress(Subnet.Network + (uint)index);
}
