using Microsoft.Extensions.Logging;

namespace Orchestrator.ApiServer.Metrics.Scraping;

internal sealed partial class MetricsScraper
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed to scrape the resource metrics of node {Node}")]
    private static partial void LogScrapeFailed(ILogger logger, string node, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scraped {Nodes} ready nodes: {NodePoints} node points, {Pods} pods in {Duration}")]
    private static partial void LogRound(ILogger logger, int nodes, int nodePoints, int pods, TimeSpan duration);
}
