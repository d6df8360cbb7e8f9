using Orchestrator.ApiMachinery.Text;

namespace Orchestrator.ApiMachinery.Tests.Text;

public sealed class HumanDurationTests
{
    private const long Minute = 60, Hour = 60 * Minute, Day = 24 * Hour;

    [Theory]
    [InlineData(-3, "<invalid>")]
    [InlineData(-2, "<invalid>")]
    [InlineData(-1, "0s")]
    [InlineData(0, "0s")]
    [InlineData(1, "1s")]
    [InlineData(59, "59s")]
    [InlineData(119, "119s")]
    [InlineData(2 * Minute, "2m")]
    [InlineData(2 * Minute + 30, "2m30s")]
    [InlineData(9 * Minute + 59, "9m59s")]
    [InlineData(10 * Minute, "10m")]
    [InlineData(10 * Minute + 59, "10m")]
    [InlineData(65 * Minute, "65m")]
    [InlineData(3 * Hour - 1, "179m")]
    [InlineData(3 * Hour, "3h")]
    [InlineData(3 * Hour + 5 * Minute, "3h5m")]
    [InlineData(8 * Hour - 1, "7h59m")]
    [InlineData(8 * Hour, "8h")]
    [InlineData(47 * Hour + 59 * Minute, "47h")]
    [InlineData(2 * Day, "2d")]
    [InlineData(3 * Day, "3d")]
    [InlineData(3 * Day + 4 * Hour, "3d4h")]
    [InlineData(8 * Day - 1, "7d23h")]
    [InlineData(8 * Day, "8d")]
    [InlineData(400 * Day, "400d")]
    [InlineData(730 * Day - 1, "729d")]
    [InlineData(730 * Day, "2y")]
    [InlineData(731 * Day, "2y1d")]
    [InlineData(8 * 365 * Day - 1, "7y364d")]
    [InlineData(8 * 365 * Day, "8y")]
    [InlineData(10 * 365 * Day + 100 * Day, "10y")]
    public void Formats_like_upstream_HumanDuration(long seconds, string expected) =>
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(-1.5, "0s")]
    [InlineData(59.999, "59s")]
    [InlineData(119.9, "119s")]
    public void Fractions_of_a_second_truncate_toward_zero(double seconds, string expected) =>
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void An_unset_timestamp_is_unknown() =>
        Assert.Equal("<unknown>", HumanDuration.Since(null, DateTimeOffset.UnixEpoch));
}
