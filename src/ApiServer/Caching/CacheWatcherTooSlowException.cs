namespace Orchestrator.ApiServer.Caching;

/// <summary>A watcher did not keep up and was closed; its client re-lists and watches again.</summary>
internal sealed class CacheWatcherTooSlowException() : Exception("the watcher did not keep up with events and was closed");
