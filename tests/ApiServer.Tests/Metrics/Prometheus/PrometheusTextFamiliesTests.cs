namespace Orchestrator.ApiServer.Tests.Metrics.Prometheus;

/// <summary>The test parser's family filter: other families are not read, the kept ones as strictly as ever.</summary>
public sealed class PrometheusTextFamiliesTests
{
    private const string Scrape = """
        # HELP other_duration_seconds A histogram caught mid-update.
        # TYPE other_duration_seconds histogram
        other_duration_seconds_bucket{le="+Inf"} 3
        other_duration_seconds_sum 1
        other_duration_seconds_count 4
        # HELP mine_total Ours.
        # TYPE mine_total counter
        mine_total{queue="a"} 2

        """;

    [Fact]
    public void Only_the_named_families_are_read()
    {
        var samples = PrometheusText.ParseFamilies(Scrape, "mine_");

        var sample = Assert.Single(samples);
        Assert.Equal(("mine_total", 2.0), (sample.Name, sample.Value));
        Assert.Throws<FormatException>(() => PrometheusText.Parse(Scrape)); // the whole scrape fails the strict check
    }

    [Fact]
    public void A_kept_family_is_checked_as_strictly_as_ever()
    {
        Assert.Throws<FormatException>(() => PrometheusText.ParseFamilies(Scrape, "other_"));
    }
}
