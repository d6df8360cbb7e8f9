using Orchestrator.ApiMachinery.Bootstrap;
using Orchestrator.Host.Commands;

namespace Orchestrator.Orchestrator.Tests.Commands;

/// <summary>`token list` columns and TTL cells as kubeadm prints them.</summary>
public sealed class TokenTableTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null, "<forever>")]
    [InlineData(86_399.0, "23h")]
    [InlineData(3_599.0, "59m")]
    [InlineData(30.0, "30s")]
    [InlineData(-1.0, "<invalid>")]
    public void Ttl_cells(double? seconds, string expected)
    {
        Assert.Equal(expected, TokenTable.Ttl(seconds is { } s ? Now.AddSeconds(s) : null, Now));
    }

    [Fact]
    public void The_table_has_kubeadms_columns()
    {
        var token = new BootstrapTokenSecret(BootstrapToken.Parse("abcdef.0123456789abcdef"), Now.AddHours(24), ["authentication", "signing"], ["system:bootstrappers:kubeadm:default-node-token"], "");
        var lines = TokenTable.Format([token], Now).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("TOKEN                     TTL   EXPIRES                USAGES                   DESCRIPTION   EXTRA GROUPS", lines[0]);
        Assert.Equal("abcdef.0123456789abcdef   24h   2026-12-07T12:00:00Z   authentication,signing   <none>        system:bootstrappers:kubeadm:default-node-token", lines[1]);
    }
}
