using Orchestrator.ApiServer.Validation;

namespace Orchestrator.ApiServer.Tests.Validation;

/// <summary>The standard cron syntax upstream's parser accepts, and its complaints.</summary>
public sealed class CronScheduleTests
{
    [Theory]
    [InlineData("* * * * *")]
    [InlineData("0 0 1 1 0")]
    [InlineData("59 23 31 12 6")]
    [InlineData("*/15 0-6/2 1,15 * SUN")]
    [InlineData("@every 1h30m")]
    [InlineData("@daily")]
    public void Valid_schedules(string schedule) => Assert.Null(CronSchedule.Check(schedule));

    [Theory]
    [InlineData("* * * *", "expected exactly 5 fields, found 4: [* * * *]")]
    [InlineData("60 * * * *", "end of range (60) above maximum (59): 60")]
    [InlineData("* * 0 * *", "beginning of range (0) below minimum (1): 0")]
    [InlineData("5-1 * * * *", "beginning of range (5) beyond end of range (1): 5-1")]
    [InlineData("*/0 * * * *", "step of range should be a positive number: */0")]
    [InlineData("a * * * *", "failed to parse int from a: strconv.Atoi: parsing \"a\": invalid syntax")]
    [InlineData("1-2-3 * * * *", "too many hyphens: 1-2-3")]
    [InlineData("@often", "unrecognized descriptor: @often")]
    public void Invalid_schedules(string schedule, string problem) => Assert.Equal(problem, CronSchedule.Check(schedule));
}
