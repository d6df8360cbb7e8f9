namespace Orchestrator.ApiServer.Metrics;

/// <summary>
/// The resource metrics pipeline's settings (metrics-server's flags): how often kubelets are scraped
/// (<c>--metric-resolution</c>, 15 s) and how long one scrape may take (90 % of that, as metrics-server).
/// </summary>
internal sealed record MetricsOptions(TimeSpan Resolution)
{
    public TimeSpan ScrapeTimeout => Resolution * 0.9;
}
