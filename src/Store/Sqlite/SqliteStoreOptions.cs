namespace Orchestrator.Store.Sqlite;

/// <summary>Settings of <see cref="SqliteStore"/>.</summary>
internal sealed record SqliteStoreOptions
{
    /// <summary>Path of the database file; created with its directory when missing.</summary>
    public required string Path { get; init; }

    /// <summary>Clock for TTL expiry and watch progress.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How often expired TTL keys are looked for.</summary>
    public TimeSpan TtlSweepInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Most writes committed in one transaction (one fsync).</summary>
    public int MaxBatch { get; init; } = 1024;

    /// <summary>Events buffered for one watcher before it is cut off as lagging.</summary>
    public int WatchBufferCapacity { get; init; } = 65_536;
}
