namespace Orchestrator.Store;

/// <summary>Options of <see cref="IStore.ListAsync"/>.</summary>
public sealed record ListOptions
{
    /// <summary>Key prefix; empty lists every key.</summary>
    public string Prefix { get; init; } = "";

    /// <summary>Revision to read at; null (or 0) reads the newest. Ignored when <see cref="Continue"/> is set.</summary>
    public long? AtRevision { get; init; }

    /// <summary>Most items to return; 0 means no limit.</summary>
    public int Limit { get; init; }

    /// <summary>Token from a previous page's <see cref="ListResult.Continue"/>.</summary>
    public string? Continue { get; init; }
}
