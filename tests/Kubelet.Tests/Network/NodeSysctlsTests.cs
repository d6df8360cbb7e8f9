using Orchestrator.Kubelet.Network;

namespace Orchestrator.Kubelet.Tests.Network;

public sealed class NodeSysctlsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("orc-sysctl-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Ensure_sets_forwarding_and_bridge_netfilter_to_1_and_reports_what_changed()
    {
        Write("net/ipv4/ip_forward", "0\n");
        Write("net/bridge/bridge-nf-call-iptables", "1\n");

        var outcomes = NodeSysctls.Ensure(_root);

        Assert.Equal(["net.ipv4.ip_forward=1 (was 0)", "net.bridge.bridge-nf-call-iptables=1 (already)"], outcomes);
        Assert.Equal("1", File.ReadAllText(Path.Combine(_root, "net/ipv4/ip_forward")).Trim());
        Assert.Equal("1", File.ReadAllText(Path.Combine(_root, "net/bridge/bridge-nf-call-iptables")).Trim());
    }

    [Fact]
    public void A_missing_bridge_netfilter_is_reported_not_created()
    {
        Write("net/ipv4/ip_forward", "1\n");

        var outcomes = NodeSysctls.Ensure(_root);

        Assert.Equal("net.ipv4.ip_forward=1 (already)", outcomes[0]);
        Assert.StartsWith("net.bridge.bridge-nf-call-iptables: missing", outcomes[1], StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "net/bridge")));
    }

    private void Write(string relative, string value)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, value);
    }
}
