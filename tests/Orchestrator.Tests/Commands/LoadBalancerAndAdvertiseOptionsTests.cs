using System.CommandLine;
using Orchestrator.ControllerManager;
using Orchestrator.Host.Commands;
using Orchestrator.Orchestrator.Tests.Commands.Definition;

namespace Orchestrator.Orchestrator.Tests.Commands;

public sealed class LoadBalancerAndAdvertiseOptionsTests
{
    private static ParseResult After(string verb, params string[] options) => ParsedCommandLine.Parse([verb, .. options]);

    [Theory]
    [InlineData(new string[0], "nodes")]
    [InlineData(new[] { "--load-balancer-ip-pool", "nodes" }, "nodes")]
    [InlineData(new[] { "--load-balancer-ip-pool", "192.168.1.240/28,10.0.0.5-10.0.0.9" }, "192.168.1.240/28,10.0.0.5-10.0.0.9")]
    public void The_load_balancer_pool_defaults_to_the_nodes_addresses(string[] options, string expected) =>
        Assert.Equal(expected, ControllerManagerCommand.Options(After("controller-manager", options)).LoadBalancerIpPool);

    [Theory]
    [InlineData("10.0.0.1/24")]
    [InlineData("10.0.0.9-10.0.0.1")]
    [InlineData("everything")]
    public void A_bad_load_balancer_pool_is_a_usage_error_naming_the_flag(string pool)
    {
        var error = Assert.Throws<UsageException>(() => ControllerManagerCommand.Options(After("controller-manager", "--load-balancer-ip-pool", pool)));
        Assert.StartsWith("--load-balancer-ip-pool must be \"nodes\" or a comma list", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_load_balancer_controller_is_known_by_its_upstream_name_and_can_be_turned_off()
    {
        Assert.Contains("service-lb-controller", ControllerManagerHost.ControllerNames);
        var options = ControllerManagerCommand.Options(After("controller-manager", "--controllers", "*,-service-lb-controller"));
        Assert.False(options.Enabled("service-lb-controller"));
        Assert.True(new ControllerManagerOptions().Enabled("service-lb-controller"));
    }

    [Fact]
    public void Up_refuses_an_advertise_address_that_is_not_an_ip()
    {
        var error = ParsedCommandLine.UsageError(_ => 0, "up", "--advertise-address", "my-host", "--hollow-nodes", "1", "--data-dir", Path.Combine(Path.GetTempPath(), "orchestrator-never-created"));

        Assert.Equal("--advertise-address must be an IP address, not \"my-host\"", error);
    }
}
