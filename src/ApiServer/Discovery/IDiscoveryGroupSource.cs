namespace Orchestrator.ApiServer.Discovery;

/// <summary>
/// Groups served by someone else than this server's registry (aggregated API servers), added to the discovery
/// documents after the registry's own. Called per discovery request: cheap, thread-safe, and each call returns
/// new nodes the caller may attach to its document.
/// </summary>
internal interface IDiscoveryGroupSource
{
    /// <summary>Legacy APIGroup objects (name, versions, preferredVersion) for <c>/apis</c>.</summary>
    IReadOnlyList<JsonObject> ApiGroups();

    /// <summary>APIGroupDiscovery items (v2 and v2beta1 have the same shape) for the aggregated <c>/apis</c>.</summary>
    IReadOnlyList<JsonObject> AggregatedGroups();
}
