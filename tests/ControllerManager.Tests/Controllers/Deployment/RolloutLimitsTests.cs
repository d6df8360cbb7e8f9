using Orchestrator.ControllerManager.Controllers.Deployment;

namespace Orchestrator.ControllerManager.Tests.Controllers.Deployment;

public sealed class RolloutLimitsTests
{
    [Theory]
    [InlineData("25%", "25%", 4, 1, 1)]
    [InlineData("25%", "25%", 10, 3, 2)]     // surge rounds up, unavailable rounds down
    [InlineData("25%", "25%", 1, 1, 0)]
    [InlineData("1", "0", 3, 1, 0)]
    [InlineData("0", "1", 3, 0, 1)]
    [InlineData("0", "0", 3, 0, 1)]          // both zero: unavailable becomes 1
    [InlineData("0%", "10%", 5, 0, 1)]       // 10% of 5 rounds down to 0, then the fencepost rule applies
    [InlineData("50%", "50%", 3, 2, 1)]
    [InlineData("100%", "0%", 3, 3, 0)]
    [InlineData("2", "3", 10, 2, 3)]
    public void Resolves_fenceposts_like_upstream(string maxSurge, string maxUnavailable, int replicas, int surge, int unavailable)
    {
        Assert.Equal((surge, unavailable), RolloutLimits.Resolve(maxSurge, maxUnavailable, replicas));
    }

    [Fact]
    public void A_plain_string_that_is_no_percentage_is_rejected()
    {
        Assert.Throws<FormatException>(() => RolloutLimits.Scaled("abc", 10, true));
    }
}
