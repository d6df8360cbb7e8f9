namespace Orchestrator.Store;

/// <summary>One page of a list.</summary>
/// <param name="Items">Keys in byte order.</param>
/// <param name="Revision">The revision the whole list is read at.</param>
/// <param name="Continue">Token for the next page, or null when this is the last page.</param>
public sealed record ListResult(IReadOnlyList<KeyValue> Items, long Revision, string? Continue);
