using Orchestrator.Host.Commands;
using Orchestrator.Kubelet.Network;
using Orchestrator.Orchestrator.Tests.Commands.Definition;

namespace Orchestrator.Orchestrator.Tests.Commands;

public sealed class RealNodeTests
{
    [Fact]
    public void Defaults_are_the_host_gw_pod_network_on_upstreams_default_cluster_cidr()
    {
        var options = RealNode.Options(ParsedCommandLine.Parse("kubelet"), "n", "/tmp/root", "port");

        Assert.Equal("10.244.0.0/16", options.ClusterCidr);
        Assert.Equal(PodNetworkMode.HostGw, options.PodNetwork);
    }

    [Theory]
    [InlineData("host-gw", PodNetworkMode.HostGw)]
    [InlineData("none", PodNetworkMode.None)]
    public void Pod_network_and_cluster_cidr_flags_are_read(string mode, PodNetworkMode expected)
    {
        var options = RealNode.Options(ParsedCommandLine.Parse("kubelet", "--pod-network", mode, "--cluster-cidr", "10.77.0.0/16"), "n", "/tmp/root", "port");

        Assert.Equal(expected, options.PodNetwork);
        Assert.Equal("10.77.0.0/16", options.ClusterCidr);
    }

    [Theory]
    [InlineData("--pod-network", "flannel", "--pod-network must be host-gw or none, not \"flannel\"")]
    [InlineData("--cluster-cidr", "10.77.0.0", "--cluster-cidr must be an IPv4 CIDR (a.b.c.d/n), not \"10.77.0.0\"")]
    [InlineData("--cluster-cidr", "fd00::/64", "--cluster-cidr must be an IPv4 CIDR (a.b.c.d/n), not \"fd00::/64\"")]
    public void Unsupported_values_are_refused_with_a_clear_message(string flag, string value, string message)
    {
        var error = ParsedCommandLine.UsageError(parsed => RealNode.Options(parsed, "n", "/tmp/root", "port"), "kubelet", flag, value);

        Assert.Equal(message, error);
    }

    [Fact]
    public void Up_hands_its_controller_managers_cluster_cidr_to_its_node()
    {
        var options = RealNode.Options(ParsedCommandLine.Parse("kubelet"), "n", "/tmp/root", "port");

        Assert.Equal("10.55.0.0/16", RealNode.WithClusterCidr(options, "10.55.0.0/16").ClusterCidr);
        Assert.Throws<UsageException>(() => RealNode.WithClusterCidr(options, "bogus"));
    }
}
