using Orchestrator.ApiMachinery.Bootstrap;
using Orchestrator.ControllerManager.Controllers.TokenCleaner;

namespace Orchestrator.ControllerManager.Tests.Controllers.TokenCleaner;

/// <summary>Expired token Secrets go now, others are looked at when they expire, the rest are left alone.</summary>
public sealed class TokenCleanerPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(-60.0, 0.0)]
    [InlineData(0.0, 0.0)]
    [InlineData(90.0, 90.0)]
    public void A_token_with_an_expiry_is_deleted_once_past_it(double expiresInSeconds, double expectedWait)
    {
        var secret = new BootstrapTokenSecret(BootstrapToken.Parse("abcdef.0123456789abcdef"), Now.AddSeconds(expiresInSeconds), ["signing"], [], "").ToSecret();
        Assert.Equal(TimeSpan.FromSeconds(expectedWait), TokenCleanerPlanner.Plan(secret, Now));
    }

    [Fact]
    public void Tokens_without_expiry_and_other_secrets_are_left_alone()
    {
        var forever = new BootstrapTokenSecret(BootstrapToken.Parse("abcdef.0123456789abcdef"), null, ["signing"], [], "").ToSecret();
        Assert.Null(TokenCleanerPlanner.Plan(forever, Now));
        forever.Type = "Opaque";
        Assert.Null(TokenCleanerPlanner.Plan(forever, Now));
    }
}
