using System.Globalization;
using Orchestrator.ApiServer.Metrics.Storage;

namespace Orchestrator.ApiServer.Tests.Metrics.Storage;

public sealed class PodPointsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 20, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Resolution = TimeSpan.FromSeconds(15);
    private static readonly PodKey Web = new("default", "web");

    /// <summary>
    /// Rounds of one container: (start, timestamp, cumulative CPU seconds) in seconds after T0; the CPU and window
    /// served after the last round (metrics-server's pod storage rules).
    /// </summary>
    [Theory]
    [InlineData("-100:0:5", null, null)] // one point of an old container: no rate yet
    [InlineData("-100:0:5|-100:15:8", 200_000_000UL, "15")]
    [InlineData("-100:0:5|-100:15:8|-100:15:8", 200_000_000UL, "15")] // the same point again keeps the window
    [InlineData("-100:0:5|10:15:1", null, null)] // restarted after the kept point: starts over
    [InlineData("-100:0:5|-100:15:8|20:40:1", null, null)] // restarted after the kept point, even with a previous one
    [InlineData("-12:0:3", 250_000_000UL, "12")] // fresh (10 s ≤ age < resolution): start time, zero CPU as the previous point
    [InlineData("-5:0:3", null, null)] // too fresh for a fair rate
    [InlineData("-15:0:3", null, null)] // a full resolution old: treated as any other container
    [InlineData("-100:0:5|-100:15:8|-100:10:7", 200_000_000UL, "10")] // an older point keeps the previous one as the window's start
    [InlineData("-100:0:5|-100:15:8|-100:-1:7", null, null)] // older than the previous one too: both dropped
    public void The_newest_two_points_of_a_container_give_its_rate(string rounds, ulong? cpu, string? windowSeconds)
    {
        var points = PodPoints.Empty;
        foreach (var round in rounds.Split('|'))
        {
            var parts = round.Split(':').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            var point = new MetricsPoint(T0.AddSeconds(parts[0]), T0.AddSeconds(parts[1]), (ulong)(parts[2] * 1e9), 1024);
            points = points.Next(Round((Web, "app", point)), Resolution);
        }

        var usage = points.Usage(Web);

        Assert.Equal(cpu, usage is null ? null : Assert.Single(usage.Containers).Usage.CpuNanoCores);
        Assert.Equal(windowSeconds is null ? null : TimeSpan.FromSeconds(double.Parse(windowSeconds, CultureInfo.InvariantCulture)), usage?.Window);
    }

    [Fact]
    public void A_pod_is_served_only_when_every_container_has_two_points_with_the_earliest_time()
    {
        var old = new MetricsPoint(T0.AddSeconds(-100), T0, 1_000_000_000, 2048);
        var points = PodPoints.Empty
            .Next(Round((Web, "app", old), (Web, "sidecar", old)), Resolution)
            .Next(Round((Web, "app", old with { Timestamp = T0.AddSeconds(15), CumulativeCpuNanos = 4_000_000_000 }), (Web, "sidecar", old with { Timestamp = T0.AddSeconds(14) })), Resolution);

        var usage = points.Usage(Web)!;

        Assert.Equal(["app", "sidecar"], usage.Containers.Select(c => c.Container));
        Assert.Equal(200_000_000UL, usage.Containers[0].Usage.CpuNanoCores);
        Assert.Equal(0UL, usage.Containers[1].Usage.CpuNanoCores);
        Assert.Equal(T0.AddSeconds(14), usage.Timestamp);
        Assert.Equal(TimeSpan.FromSeconds(14), usage.Window);

        var withNewContainer = points.Next(Round(
            (Web, "app", old with { Timestamp = T0.AddSeconds(30) }),
            (Web, "sidecar", old with { Timestamp = T0.AddSeconds(30) }),
            (Web, "late", old with { StartTime = T0.AddSeconds(28), Timestamp = T0.AddSeconds(30) })), Resolution);
        Assert.Null(withNewContainer.Usage(Web));
    }

    private static Dictionary<PodKey, IReadOnlyDictionary<string, MetricsPoint>> Round(params (PodKey Pod, string Container, MetricsPoint Point)[] points) =>
        points.GroupBy(p => p.Pod).ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, MetricsPoint>)g.ToDictionary(p => p.Container, p => p.Point));
}
