namespace Orchestrator.ApiServer.Discovery;

/// <summary>Which discovery document a client asked for in its Accept header.</summary>
internal enum DiscoveryFormat
{
    Legacy,
    AggregatedV2,
    AggregatedV2Beta1,
}
