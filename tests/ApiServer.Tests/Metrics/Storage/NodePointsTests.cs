using System.Globalization;
using Orchestrator.ApiServer.Metrics.Storage;

namespace Orchestrator.ApiServer.Tests.Metrics.Storage;

public sealed class NodePointsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 20, 0, 0, TimeSpan.Zero);

    /// <summary>Rounds of (seconds after T0, cumulative CPU seconds, memory) for node "n"; what is served after the last.</summary>
    [Theory]
    [InlineData("10:5:100", null, null, null)] // one point: no rate yet
    [InlineData("10:5:100|25:8:300", 200_000_000UL, 300UL, "15")] // 3 CPU-s over 15 s = 200m; memory of the newer point
    [InlineData("10:5:100|25:8:300|25:8:300", 200_000_000UL, 300UL, "15")] // the same point again keeps the window
    [InlineData("10:5:100|25:8:300|40:8:400", 0UL, 400UL, "15")] // an idle window is zero CPU
    [InlineData("10:5:100|25:8:300|5:1:50", null, null, null)] // time went back past the previous point: both dropped
    [InlineData("10:5:100|25:8:300|20:7:50", 200_000_000UL, 50UL, "10")] // older than the newest, newer than the previous: kept as the window's start
    [InlineData("10:5:100|25:4:300", null, null, null)] // the counter went back (a reboot): no rate
    [InlineData("10:5:100|10.5:5.25:100", 500_000_000UL, 100UL, "0.5")]
    public void The_newest_two_points_give_the_rate_and_the_window(string rounds, ulong? cpu, ulong? memory, string? windowSeconds)
    {
        var points = NodePoints.Empty;
        foreach (var round in rounds.Split('|'))
        {
            var parts = round.Split(':').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            var point = new MetricsPoint(DateTimeOffset.MinValue, T0.AddSeconds(parts[0]), (ulong)(parts[1] * 1e9), (ulong)parts[2]);
            points = points.Next(new Dictionary<string, MetricsPoint> { ["n"] = point });
        }

        var usage = points.Usage("n");

        Assert.Equal(cpu, usage?.CpuNanoCores);
        Assert.Equal(memory, usage?.MemoryBytes);
        Assert.Equal(windowSeconds is null ? null : TimeSpan.FromSeconds(double.Parse(windowSeconds, CultureInfo.InvariantCulture)), usage?.Window);
    }

    [Fact]
    public void A_node_missing_from_a_round_is_forgotten()
    {
        var first = new MetricsPoint(DateTimeOffset.MinValue, T0, 1_000_000_000, 1);
        var points = NodePoints.Empty
            .Next(new Dictionary<string, MetricsPoint> { ["a"] = first, ["b"] = first })
            .Next(new Dictionary<string, MetricsPoint> { ["a"] = first with { Timestamp = T0.AddSeconds(15) }, ["b"] = first with { Timestamp = T0.AddSeconds(15) } })
            .Next(new Dictionary<string, MetricsPoint> { ["a"] = first with { Timestamp = T0.AddSeconds(30) } });

        Assert.NotNull(points.Usage("a"));
        Assert.Null(points.Usage("b"));
        Assert.Equal(1, points.Complete);
    }
}
