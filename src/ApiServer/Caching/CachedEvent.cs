namespace Orchestrator.ApiServer.Caching;

/// <summary>A change the cache saw: ADDED, MODIFIED or DELETED (for which <see cref="Object"/> is the last state at the delete's revision).</summary>
internal sealed record CachedEvent(string Type, CachedObject Object, CachedObject? Previous)
{
    public long Revision => Object.Revision;
}
