namespace Orchestrator.ApiServer.Metrics.Scraping;

/// <summary>What one kubelet's resource metrics held: the node's point (null when incomplete) and each pod's container points.</summary>
internal sealed record NodeScrape(MetricsPoint? Node, IReadOnlyDictionary<PodKey, IReadOnlyDictionary<string, MetricsPoint>> Pods);
