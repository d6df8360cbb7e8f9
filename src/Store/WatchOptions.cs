namespace Orchestrator.Store;

/// <summary>Options of <see cref="IStore.WatchAsync"/>.</summary>
public sealed record WatchOptions
{
    /// <summary>
    /// When set, the watch emits a <see cref="WatchEventType.Progress"/> event at about this interval
    /// while it is idle, so a consumer learns how far it is up to date (like etcd's progress notify).
    /// </summary>
    public TimeSpan? ProgressInterval { get; init; }
}
