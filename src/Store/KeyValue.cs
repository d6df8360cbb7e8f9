namespace Orchestrator.Store;

/// <summary>A key's value at one revision.</summary>
/// <param name="Key">The key.</param>
/// <param name="Value">The stored bytes.</param>
/// <param name="CreateRevision">Revision at which the key was (last) created.</param>
/// <param name="ModRevision">Revision of the write that produced this value (for a delete result: the delete's revision).</param>
public sealed record KeyValue(string Key, byte[] Value, long CreateRevision, long ModRevision);
