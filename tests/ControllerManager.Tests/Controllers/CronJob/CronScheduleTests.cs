using Orchestrator.ControllerManager.Controllers.CronJob;

namespace Orchestrator.ControllerManager.Tests.Controllers.CronJob;

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
    [InlineData("@every 5m")]
    [InlineData("TZ=Nowhere/Land * * * * *")]
    [InlineData("x * * * *")]
    public void Rejects_invalid_schedules(string schedule) =>
        Assert.Throws<FormatException>(() => CronSchedule.Parse(schedule, TimeZoneInfo.Utc));

    [Fact]
    public void Impossible_date_has_no_next_time() =>
        Assert.Null(CronSchedule.Parse("0 0 31 2 *", TimeZoneInfo.Utc).Next(DateTimeOffset.UnixEpoch));
}
