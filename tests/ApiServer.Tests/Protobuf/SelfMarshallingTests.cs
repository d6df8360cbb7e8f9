using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Protobuf;
using Orchestrator.ApiServer.Protobuf.Messages.Meta;
using Orchestrator.ApiMachinery.Text;

namespace Orchestrator.ApiServer.Tests.Protobuf;

/// <summary>The Go types that write their own JSON: durations and micro-times read as Go prints them.</summary>
public sealed class SelfMarshallingTests
{
    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(1L, "1ns")]
    [InlineData(1_500L, "1.5µs")]
    [InlineData(300_000_000L, "300ms")]
    [InlineData(1_500_000_000L, "1.5s")]
    [InlineData(60_000_000_000L, "1m0s")]
    [InlineData(150_000_000_000L, "2m30s")]
    [InlineData(3_600_000_000_000L, "1h0m0s")]
    [InlineData(3_723_000_000_001L, "1h2m3.000000001s")]
    [InlineData(-90_000_000_000L, "-1m30s")]
    [InlineData(long.MinValue, "-2562047h47m16.854775808s")]
    public void Durations_read_as_Go_prints_them(long nanoseconds, string expected)
    {
        Assert.Equal(expected, GoDuration.Format(nanoseconds));
        Assert.True(SelfMarshalling.TryConvert(new Duration { Duration_ = nanoseconds }, "", out var json));
        Assert.Equal(expected, (string)json!);
    }

    [Fact]
    public void MicroTime_keeps_microseconds_and_Time_drops_the_fraction()
    {
        Assert.True(SelfMarshalling.TryConvert(new MicroTime { Seconds = 1700000000, Nanos = 123_456_789 }, "", out var micro));
        Assert.Equal("2023-11-14T22:13:20.123456Z", (string)micro!);

        Assert.True(SelfMarshalling.TryConvert(new Time { Seconds = 1700000000, Nanos = 123_456_789 }, "", out var time));
        Assert.Equal("2023-11-14T22:13:20Z", (string)time!);
    }

    [Fact]
    public void Ordinary_messages_are_not_self_marshalling()
    {
        Assert.False(SelfMarshalling.TryConvert(new ObjectMeta(), "", out JsonNode? json));
        Assert.Null(json);
    }
}
