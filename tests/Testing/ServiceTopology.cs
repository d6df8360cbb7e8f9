using System.Globalization;
using Orchestrator.Client.Processes;

namespace Orchestrator.Testing;

/// <summary>
/// Real packets for a Service: a "node" namespace routing (ip_forward) for busybox httpd "pods" on port 8080, pod N on
/// its own veth subnet 10.244.N.0/24 (node .1, pod .2, default route via the node), a client "pod" on the next subnet,
/// and an uplink to a "lan" namespace as the node's default route (node-originated traffic needs a route covering the
/// Service range before nat OUTPUT can DNAT it). The node answers with ICMP errors unthrottled, so a REJECT is seen at
/// once. Disposing kills the servers and removes the namespaces and web roots, also after a half-finished create.
/// </summary>
public sealed class ServiceTopology : IAsyncDisposable
{
    public const int PodPort = 8080;

    private readonly List<NetworkNamespace> _namespaces = [];
    private readonly List<string> _roots = [];
    private readonly List<string> _podIps = [];
    private NetworkNamespace? _node;
    private NetworkNamespace? _client;

    private ServiceTopology()
    {
    }

    public NetworkNamespace Node => _node ?? throw new InvalidOperationException("not created");

    public NetworkNamespace Client => _client ?? throw new InvalidOperationException("not created");

    /// <summary>The pods' addresses, in the order of the bodies they serve.</summary>
    public IReadOnlyList<string> PodIps => _podIps;

    /// <summary>Builds the topology with one httpd pod per entry of <paramref name="bodies"/>, serving it as <c>/index.html</c>; returns once every pod answers the node.</summary>
    public static async Task<ServiceTopology> CreateAsync(IReadOnlyList<string> bodies)
    {
        var topology = new ServiceTopology();
        try
        {
            await topology.BuildAsync(bodies);
            return topology;
        }
        catch
        {
            await topology.DisposeAsync();
            throw;
        }
    }

    /// <summary><c>busybox wget -qO- URL</c> from <paramref name="from"/>, giving up after 3 s.</summary>
    public static Task<HostCommandResult> GetAsync(NetworkNamespace from, string url) =>
        from.ExecAsync("timeout", ["3", "busybox", "wget", "-qO-", url]);

    public async ValueTask DisposeAsync()
    {
        foreach (var ns in _namespaces)
        {
            await ns.DisposeAsync();
        }

        _namespaces.Clear();
        foreach (var root in _roots)
        {
            Directory.Delete(root, recursive: true);
        }

        _roots.Clear();
    }

    private async Task BuildAsync(IReadOnlyList<string> bodies)
    {
        _node = await AddNamespaceAsync();
        await _node.ExecCheckedAsync("sysctl", ["-qw", "net.ipv4.ip_forward=1", "net.ipv4.icmp_ratelimit=0"]);
        await ConnectAsync(await AddNamespaceAsync(), "uplink", "192.168.1");
        await _node.IpAsync(["route", "add", "default", "via", "192.168.1.2"]);

        for (var i = 0; i < bodies.Count; i++)
        {
            var pod = await AddNamespaceAsync();
            var subnet = string.Create(CultureInfo.InvariantCulture, $"10.244.{i + 1}");
            await ConnectAsync(pod, string.Create(CultureInfo.InvariantCulture, $"vp{i + 1}"), subnet);
            var root = Directory.CreateTempSubdirectory("orc-t-www-").FullName;
            _roots.Add(root);
            await File.WriteAllTextAsync(Path.Combine(root, "index.html"), bodies[i]);
            pod.Start("busybox", ["httpd", "-f", "-p", PodPort.ToString(CultureInfo.InvariantCulture), "-h", root]);
            _podIps.Add(subnet + ".2");
        }

        _client = await AddNamespaceAsync();
        await ConnectAsync(_client, "vc", string.Create(CultureInfo.InvariantCulture, $"10.244.{bodies.Count + 1}"));
        foreach (var ip in _podIps)
        {
            await WaitForAsync(string.Create(CultureInfo.InvariantCulture, $"http://{ip}:{PodPort}/"));
        }
    }

    private async Task<NetworkNamespace> AddNamespaceAsync()
    {
        var ns = await NetworkNamespace.CreateAsync();
        _namespaces.Add(ns);
        return ns;
    }

    /// <summary>A veth from the node (<paramref name="link"/> at <c>SUBNET.1</c>) to <paramref name="peer"/>'s eth0 at <c>SUBNET.2</c>, whose default route is the node.</summary>
    private async Task ConnectAsync(NetworkNamespace peer, string link, string subnet)
    {
        await Node.AddVethPairAsync(link, "eth0", peer);
        await Node.IpAsync(["addr", "add", subnet + ".1/24", "dev", link]);
        await peer.IpAsync(["addr", "add", subnet + ".2/24", "dev", "eth0"]);
        await peer.IpAsync(["route", "add", "default", "via", subnet + ".1"]);
    }

    private async Task WaitForAsync(string url)
    {
        for (var attempt = 0; attempt < 50 && !(await GetAsync(Node, url)).Succeeded; attempt++)
        {
            await Task.Delay(100);
        }
    }
}
