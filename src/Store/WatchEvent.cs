namespace Orchestrator.Store;

/// <summary>One change seen by a watch.</summary>
/// <param name="Type">Kind of change.</param>
/// <param name="Revision">Revision of the change (for <see cref="WatchEventType.Progress"/>: the revision the watch has caught up to).</param>
/// <param name="Current">The value after the change; for a delete, the value that was deleted (with the delete's revision); null for progress.</param>
/// <param name="Previous">The value before an update or delete, when the backend still has it.</param>
public sealed record WatchEvent(WatchEventType Type, long Revision, KeyValue? Current, KeyValue? Previous)
{
    /// <summary>The key concerned, or null for a progress event.</summary>
    public string? Key => Current?.Key;
}
