using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Authentication.BootstrapTokens;

namespace Orchestrator.ApiServer.Tests.Authentication.BootstrapTokens;

public sealed class BootstrapTokenTests
{
    [Theory]
    [InlineData("abcdef.0123456789abcdef", "abcdef", "0123456789abcdef")]
    [InlineData("ABCDEF.0123456789abcdef", null, null)]
    [InlineData("abcde.0123456789abcdef", null, null)]
    [InlineData("abcdef.0123456789abcde", null, null)]
    [InlineData("abcdef:0123456789abcdef", null, null)]
    [InlineData("abcdef.0123456789abcdef\n", null, null)]
    public void Only_six_and_sixteen_lower_case_alphanumerics_are_a_bootstrap_token(string token, string? id, string? secret)
    {
        var parsed = BootstrapToken.Parse(token);

        Assert.Equal(id, parsed?.Id);
        Assert.Equal(secret, parsed?.Secret);
    }

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
