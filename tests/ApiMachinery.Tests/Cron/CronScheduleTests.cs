using Orchestrator.ApiMachinery.Cron;

namespace Orchestrator.ApiMachinery.Tests.Cron;

/// <summary>robfig/cron's standard schedules, as upstream's CronJob validation and controller read them.</summary>
public sealed class CronScheduleTests
{
    [Theory]
    [InlineData("*/15 * * * *", "2026-11-22T10:07:00Z", "2026-11-22T10:15:00Z")]
    [InlineData("*/15 * * * *", "2026-11-22T10:15:00Z", "2026-11-22T10:30:00Z")]
    [InlineData("0 9-17/4 * * *", "2026-11-22T10:00:00Z", "2026-11-22T13:00:00Z")]
    [InlineData("30 2 * * MON-FRI", "2026-11-21T00:00:00Z", "2026-11-23T02:30:00Z")]
    [InlineData("0 0 1 JAN,jul *", "2026-02-01T00:00:00Z", "2026-07-01T00:00:00Z")]
    [InlineData("0 0 13 * 5", "2026-11-22T00:00:00Z", "2026-11-27T00:00:00Z")]
    [InlineData("0 0 13 * *", "2026-11-22T00:00:00Z", "2026-12-13T00:00:00Z")]
    [InlineData("0 0 29 2 *", "2026-03-01T00:00:00Z", "2028-02-29T00:00:00Z")]
    [InlineData("5/20 * * * *", "2026-11-22T10:06:00Z", "2026-11-22T10:25:00Z")]
    [InlineData("@hourly", "2026-11-22T10:06:00Z", "2026-11-22T11:00:00Z")]
    [InlineData("@weekly", "2026-11-22T10:06:00Z", "2026-11-29T00:00:00Z")]
    [InlineData("0 0 ? * SUN", "2026-11-22T10:06:00Z", "2026-11-29T00:00:00Z")]
    public void Next_in_utc(string schedule, string after, string expected)
    {
        var next = CronSchedule.Parse(schedule, TimeZoneInfo.Utc).Next(DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
    }

    [Fact]
    public void Evaluates_the_wall_clock_of_the_time_zone()
    {
        var zone = CronSchedule.FindZone("America/New_York")!;

        var next = CronSchedule.Parse("0 9 * * *", zone).Next(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 7, 1, 13, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void Skips_times_a_daylight_saving_jump_removes()
    {
        var zone = CronSchedule.FindZone("Europe/Berlin")!;

        // 2026-03-29 02:30 does not exist in Berlin; the next one is the day after.
        var next = CronSchedule.Parse("30 2 * * *", zone).Next(new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 3, 30, 0, 30, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void TZ_prefix_sets_the_zone()
    {
        var schedule = CronSchedule.Parse("CRON_TZ=Asia/Tokyo 0 9 * * *", TimeZoneInfo.Utc);

        Assert.True(schedule.ZoneInSchedule);
        Assert.Equal(new DateTimeOffset(2026, 7, 2, 0, 0, 0, TimeSpan.Zero), schedule.Next(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("* * * *")]
    [InlineData("60 * * * *")]
    [InlineData("* 24 * * *")]
    [InlineData("* * 0 * *")]
    [InlineData("* * * 13 *")]
    [InlineData("* * * * 7")]
    [InlineData("*/0 * * * *")]
    [InlineData("5-1 * * * *")]
    [InlineData("TZ=Nowhere/Land * * * * *")]
    [InlineData("x * * * *")]
    public void Rejects_invalid_schedules(string schedule) =>
        Assert.Throws<FormatException>(() => CronSchedule.Parse(schedule, TimeZoneInfo.Utc));

    [Fact]
    public void Impossible_date_has_no_next_time() =>
        Assert.Null(CronSchedule.Parse("0 0 31 2 *", TimeZoneInfo.Utc).Next(DateTimeOffset.UnixEpoch));

    [Theory]
    [InlineData("@every 5m", "2026-11-22T10:06:07.250Z", "2026-11-22T10:11:07Z")]
    [InlineData("@every 1h30m", "2026-11-22T10:00:00Z", "2026-11-22T11:30:00Z")]
    [InlineData("@every 1500ms", "2026-11-22T10:00:00Z", "2026-11-22T10:00:01Z")]
    [InlineData("@every 10ns", "2026-11-22T10:00:00Z", "2026-11-22T10:00:01Z")]
    public void Every_adds_whole_seconds_to_the_current_second(string schedule, string after, string expected)
    {
        var next = CronSchedule.Parse(schedule, TimeZoneInfo.Utc).Next(DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
    }

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
    [InlineData("1/2/3 * * * *", "too many slashes: 1/2/3")]
    [InlineData("@often", "unrecognized descriptor: @often")]
    [InlineData("@every 5x", "failed to parse duration @every 5x: time: invalid duration \"5x\"")]
    [InlineData("@every 99999999999h", "failed to parse duration @every 99999999999h: time: invalid duration \"99999999999h\"")]
    public void Invalid_schedules(string schedule, string problem) => Assert.Equal(problem, CronSchedule.Check(schedule));
}
