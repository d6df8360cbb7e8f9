namespace Orchestrator.Store;

/// <summary>What a <see cref="WatchEvent"/> reports.</summary>
public enum WatchEventType
{
    /// <summary>A key was created.</summary>
    Created,

    /// <summary>An existing key got a new value.</summary>
    Updated,

    /// <summary>A key was deleted; the event carries the last value.</summary>
    Deleted,

    /// <summary>No event under the watched prefix exists up to <see cref="WatchEvent.Revision"/> beyond those already sent (a bookmark).</summary>
    Progress,
}
