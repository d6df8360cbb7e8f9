namespace Orchestrator.ApiServer.Metrics.Scraping;

/// <summary>
/// Which Ready nodes a round skips: a node whose kubelet failed k rounds in a row sits out the next
/// min(2^(k-1) - 1, <see cref="MaxSkippedRounds"/>) rounds, so nodes that never answer (hollow nodes, whose kubelets
/// serve nothing) cost a few connection attempts instead of one per node every resolution. The first success
/// clears the count. Used by the scraper's loop only (not thread-safe).
/// </summary>
internal sealed class ScrapeBackoff
{
    /// <summary>The longest a failing node sits out: 20 rounds, 5 minutes at the default resolution.</summary>
    public const int MaxSkippedRounds = 20;

    private readonly Dictionary<string, (int Failures, long NextRound)> _failing = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="node"/> is asked in round <paramref name="round"/>.</summary>
    public bool ShouldScrape(string node, long round) => !_failing.TryGetValue(node, out var state) || round >= state.NextRound;

    /// <summary>Records how <paramref name="node"/> answered in <paramref name="round"/>; returns its consecutive failures (0 after a success).</summary>
    public int Record(string node, long round, bool succeeded)
    {
        if (succeeded)
        {
            _failing.Remove(node);
            return 0;
        }

        var failures = _failing.TryGetValue(node, out var state) ? state.Failures + 1 : 1;
        var skipped = Math.Min((1L << Math.Min(failures - 1, 30)) - 1, MaxSkippedRounds);
        _failing[node] = (failures, round + 1 + skipped);
        return failures;
    }

    /// <summary>Forgets nodes that are gone or no longer Ready.</summary>
    public void Retain(IReadOnlySet<string> nodes)
    {
        foreach (var node in _failing.Keys.Where(n => !nodes.Contains(n)).ToList())
        {
            _failing.Remove(node);
        }
    }
}
