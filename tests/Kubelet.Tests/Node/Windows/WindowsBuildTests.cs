using Orchestrator.Kubelet.Node;
using Orchestrator.Kubelet.Node.Windows;

namespace Orchestrator.Kubelet.Tests.Node.Windows;

public sealed class WindowsBuildTests
{
    [Theory]
    [InlineData("10.0.20348", 10, 0, 20348)]
    [InlineData("10.0.17763", 10, 0, 17763)]
    public void Major_minor_build_parses(string text, int major, int minor, int build)
    {
        Assert.True(WindowsBuild.TryParse(text, out var parsed));
        Assert.Equal(new WindowsBuild(major, minor, build), parsed);
        Assert.Equal(text, parsed.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("10.0")]
    [InlineData("10.0.20348.1")]
    [InlineData("10.0.x")]
    [InlineData("10..20348")]
    [InlineData("-1.0.20348")]
    [InlineData(" 10.0.20348")]
    [InlineData(null)]
    public void Anything_else_does_not(string? text)
    {
        Assert.False(WindowsBuild.TryParse(text, out _));
    }

    [Fact]
    public void A_windows_node_carries_the_build_label_and_upstreams_node_info()
    {
        var config = new NodeConfig("win-0", "10.0.0.1").AsWindows(new WindowsVersion(new WindowsBuild(10, 0, 20348), 2340, "Windows Server 2022 Datacenter"));

        var node = NodeObjects.Node(config, "containerd://1.7.0", DateTime.UnixEpoch);

        Assert.Equal("windows", node.Metadata.Labels["kubernetes.io/os"]);
        Assert.Equal("10.0.20348", node.Metadata.Labels["node.kubernetes.io/windows-build"]);
        Assert.Equal(("windows", "10.0.20348.2340", "Windows Server 2022 Datacenter"), (node.Status.NodeInfo.OperatingSystem, node.Status.NodeInfo.KernelVersion, node.Status.NodeInfo.OsImage));
    }

    [Fact]
    public void A_linux_node_has_no_build_label()
    {
        var node = NodeObjects.Node(new NodeConfig("lin-0", "10.0.0.2"), "containerd://1.7.0", DateTime.UnixEpoch);

        Assert.False(node.Metadata.Labels.ContainsKey(WindowsBuild.Label));
    }
}
