using Orchestrator.ApiServer.Metrics.Scraping;

namespace Orchestrator.ApiServer.Tests.Metrics.Scraping;

public sealed class ScrapeBackoffTests
{
    /// <summary>A node failing every round it is asked: the rounds it is asked in, out of the first 80.</summary>
    [Fact]
    public void A_node_that_keeps_failing_is_asked_after_doubling_gaps_up_to_the_cap()
    {
        var backoff = new ScrapeBackoff();
        var asked = new List<long>();
        for (long round = 0; round < 80; round++)
        {
            if (backoff.ShouldScrape("n", round))
            {
                asked.Add(round);
                backoff.Record("n", round, succeeded: false);
            }
        }

        // Gaps of 0, 1, 3, 7, 15 skipped rounds, then the cap of 20.
        Assert.Equal([0, 1, 3, 7, 15, 31, 52, 73], asked);
    }

    [Fact]
    public void A_success_clears_the_failures_and_other_nodes_are_unaffected()
    {
        var backoff = new ScrapeBackoff();
        Assert.Equal(1, backoff.Record("n", 0, succeeded: false));
        Assert.Equal(2, backoff.Record("n", 1, succeeded: false));
        Assert.False(backoff.ShouldScrape("n", 2));
        Assert.True(backoff.ShouldScrape("other", 2));

        Assert.Equal(0, backoff.Record("n", 3, succeeded: true));
        Assert.True(backoff.ShouldScrape("n", 4));
        Assert.Equal(1, backoff.Record("n", 4, succeeded: false));
    }

    [Fact]
    public void Nodes_that_left_are_forgotten()
    {
        var backoff = new ScrapeBackoff();
        backoff.Record("gone", 0, succeeded: false);
        backoff.Record("gone", 1, succeeded: false);

        backoff.Retain(new HashSet<string> { "other" });

        Assert.True(backoff.ShouldScrape("gone", 2));
    }
}
