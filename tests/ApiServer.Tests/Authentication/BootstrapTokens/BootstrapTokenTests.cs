using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Authentication.BootstrapTokens;

namespace Orchestrator.ApiServer.Tests.Authentication.BootstrapTokens;

public sealed class BootstrapTokenTests
{
    [Theory]
    [InlineData(null, new[] { "system:bootstrappers" })]
    [InlineData("system:bootstrappers:b, system:bootstrappers:a,system:bootstrappers:b", new[] { "system:bootstrappers", "system:bootstrappers:a", "system:bootstrappers:b" })]
    [InlineData("system:masters", null)]
    [InlineData("system:bootstrappers:", null)]
    [InlineData("system:bootstrappers:Upper", null)]
    public void Extra_groups_must_be_under_system_bootstrappers_and_come_sorted_without_repeats(string? extra, string[]? expected)
    {
        var data = new JsonObject();
        if (extra is not null)
        {
            data["auth-extra-groups"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(extra));
        }

        Assert.Equal(expected, BootstrapTokenAuthenticator.GroupsOf(data));
    }
}
