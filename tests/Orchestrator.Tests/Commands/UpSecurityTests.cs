using Orchestrator.Host.Commands;
using Orchestrator.Orchestrator.Tests.Commands.Definition;

namespace Orchestrator.Orchestrator.Tests.Commands;

public sealed class UpSecurityTests
{
    private static UpSecurity Parse(params string[] options) => UpSecurity.Parse(ParsedCommandLine.Parse(["up", .. options]));

    [Fact]
    public void By_default_there_is_no_insecure_port_anonymous_is_allowed_and_node_then_rbac_authorize()
    {
        var security = Parse();

        Assert.Null(security.InsecurePort);
        Assert.True(security.AnonymousAuth);
        Assert.Equal(["Node", "RBAC"], security.AuthorizationModes);
    }

    [Fact]
    public void The_flags_are_read_as_upstreams()
    {
        var security = Parse("--insecure-port", "8080", "--authorization-mode", "Node, RBAC", "--anonymous-auth", "false");

        Assert.Equal(8080, security.InsecurePort);
        Assert.False(security.AnonymousAuth);
        Assert.Equal(["Node", "RBAC"], security.AuthorizationModes);
    }

    [Theory]
    [InlineData("--insecure-port", "70000", "--insecure-port must be a TCP port number, not 70000")]
    [InlineData("--insecure-port", "http", "--insecure-port must be a whole number ≥ 0, not \"http\"")]
    [InlineData("--authorization-mode", ",", "--authorization-mode needs at least one mode (AlwaysAllow, RBAC, Node)")]
    [InlineData("--anonymous-auth", "yes", "--anonymous-auth must be true or false, not \"yes\"")]
    public void A_bad_value_is_a_usage_error_naming_the_flag(string flag, string value, string message) =>
        Assert.Equal(message, ParsedCommandLine.UsageError(UpSecurity.Parse, "up", flag, value));
}
