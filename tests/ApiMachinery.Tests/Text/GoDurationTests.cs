using Orchestrator.ApiMachinery.Text;

namespace Orchestrator.ApiMachinery.Tests.Text;

/// <summary>Go's time.Duration.String() and Truncate, as events and metav1.Duration print durations.</summary>
public sealed class GoDurationTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(123, "123ms")]
    [InlineData(1000, "1s")]
    [InlineData(1500, "1.5s")]
    [InlineData(1234, "1.234s")]
    [InlineData(123_004, "2m3.004s")]
    [InlineData(3_600_000, "1h0m0s")]
    [InlineData(3_605_500, "1h0m5.5s")]
    public void Milliseconds(long milliseconds, string expected) =>
        Assert.Equal(expected, GoDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));

    [Theory]
    [InlineData(1_234_567_8L, 1, "1.234s")]
    [InlineData(1_234_567_8L, 1000, "1s")]
    [InlineData(-1_234_567_8L, 1, "-1.234s")]
    public void TruncatedTowardZero(long ticks, int unitMilliseconds, string expected) =>
        Assert.Equal(expected, GoDuration.Format(GoDuration.Truncate(TimeSpan.FromTicks(ticks), TimeSpan.FromMilliseconds(unitMilliseconds))));

    [Fact]
    public void TicksKeepTheirPrecision() => Assert.Equal("1.2345678s", GoDuration.Format(TimeSpan.FromTicks(12_345_678)));

    [Theory]
    [InlineData("15s", 15_000)]
    [InlineData("1m0s", 60_000)]
    [InlineData("1m30.5s", 90_500)]
    [InlineData("500ms", 500)]
    [InlineData("2h", 7_200_000)]
    [InlineData("1.5µs", 0.0015)]
    [InlineData("0", 0)]
    public void Go_durations_parse(string text, double milliseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("15")]
    [InlineData("15 s")]
    [InlineData("fast")]
    public void Anything_else_is_refused(string? text) => Assert.False(GoDuration.TryParse(text, out _));
}
