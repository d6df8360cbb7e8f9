namespace Orchestrator.ApiServer.Metrics.Scraping;

internal sealed partial class MetricsScraper
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed to scrape the resource metrics of node {Node}")]
    private static partial void LogScrapeFailed(ILogger logger, string node, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Node {Node} still fails to give its resource metrics: {Error}")]
    private static partial void LogScrapeStillFailing(ILogger logger, string node, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scraped {Asked} of {Ready} ready nodes: {NodePoints} node points, {Pods} pods in {Duration}")]
    private static partial void LogRound(ILogger logger, int asked, int ready, int nodePoints, int pods, TimeSpan duration);
}
