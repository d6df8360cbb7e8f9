namespace Orchestrator.ApiServer.Caching;

/// <summary>A watch asked for events older than the cache's history (410 Expired upstream).</summary>
internal sealed class CacheExpiredException(long requested, long oldest)
    : Exception($"too old resource version: {requested} ({oldest})")
{
    public long Requested { get; } = requested;

    public long Oldest { get; } = oldest;
}
