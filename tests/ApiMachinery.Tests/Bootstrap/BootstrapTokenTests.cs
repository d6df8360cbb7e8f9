using System.Text;
using Orchestrator.ApiMachinery.Bootstrap;

namespace Orchestrator.ApiMachinery.Tests.Bootstrap;

/// <summary>Token format, generation, and the Secret encoding kubeadm uses (round trip, expiry, malformed Secrets skipped).</summary>
public sealed class BootstrapTokenTests
{
    [Theory]
    [InlineData("abcdef.0123456789abcdef", true)]
    [InlineData("ABCDEF.0123456789abcdef", false)]
    [InlineData("abcde.0123456789abcdef", false)]
    [InlineData("abcdef.0123456789abcde", false)]
    [InlineData("abcdef:0123456789abcdef", false)]
    [InlineData("abcdef.0123456789abcdef\n", false)]
    [InlineData("", false)]
    public void Only_the_kubeadm_format_parses(string text, bool valid)
    {
        Assert.Equal(valid, BootstrapToken.TryParse(text, out _));
    }

    [Fact]
    public void Generated_tokens_are_valid_and_differ()
    {
        var a = BootstrapToken.Generate();
        var b = BootstrapToken.Generate();
        Assert.True(BootstrapToken.TryParse(a.ToString(), out var parsed));
        Assert.Equal(a, parsed);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void The_secret_round_trips_and_expires()
    {
        var expires = new DateTimeOffset(2026, 12, 7, 11, 0, 0, TimeSpan.Zero);
        var token = new BootstrapTokenSecret(BootstrapToken.Parse("abcdef.0123456789abcdef"), expires, ["authentication", "signing"], ["system:bootstrappers:kubeadm:default-node-token"], "d");
        var secret = token.ToSecret();
        Assert.Equal("bootstrap-token-abcdef", secret.Metadata.Name);
        Assert.Equal("bootstrap.kubernetes.io/token", secret.Type);
        Assert.Equal("2026-12-07T11:00:00Z", Encoding.UTF8.GetString(secret.Data["expiration"]));
        Assert.Equal("true", Encoding.UTF8.GetString(secret.Data["usage-bootstrap-signing"]));

        var read = BootstrapTokenSecret.FromSecret(secret)!;
        Assert.Equal(token.Token, read.Token);
        Assert.Equal(expires, read.Expires);
        Assert.Equal(token.Usages, read.Usages);
        Assert.Equal(token.ExtraGroups, read.ExtraGroups);
        Assert.False(read.IsExpired(expires.AddSeconds(-1)));
        Assert.True(read.IsExpired(expires));
    }

    [Theory]
    [InlineData("bootstrap-token-abcdef", "Opaque", "abcdef", "2026-12-07T11:00:00Z")]
    [InlineData("bootstrap-token-zzzzzz", "bootstrap.kubernetes.io/token", "abcdef", "2026-12-07T11:00:00Z")]
    [InlineData("bootstrap-token-abcdef", "bootstrap.kubernetes.io/token", "abcdef", "tomorrow")]
    public void Secrets_that_are_not_valid_tokens_are_skipped(string name, string type, string id, string expiration)
    {
        var secret = new BootstrapTokenSecret(BootstrapToken.Parse(id + ".0123456789abcdef"), null, ["signing"], [], "").ToSecret();
        secret.Metadata.Name = name;
        secret.Type = type;
        secret.Data["expiration"] = Encoding.UTF8.GetBytes(expiration);
        Assert.Null(BootstrapTokenSecret.FromSecret(secret));
    }
}
