namespace Orchestrator.Store.Sqlite;

/// <summary>A create, update or delete of one key.</summary>
internal sealed class KeyWrite(
    KeyWriteKind kind,
    string key,
    byte[] value,
    long? expectedModRevision,
    long? expiresAtUnixMs,
    CancellationToken cancellationToken) : WriteRequest(cancellationToken)
{
    public KeyWriteKind Kind { get; } = kind;

    public string Key { get; } = key;

    public byte[] KeyBytes { get; } = KeyRange.Bytes(key);

    public byte[] Value { get; } = value;

    public long? ExpectedModRevision { get; } = expectedModRevision;

    public long? ExpiresAtUnixMs { get; } = expiresAtUnixMs;

    public TaskCompletionSource<KeyValue> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void Fail(Exception exception) => Completion.TrySetException(exception);

    public override void Cancel() => Completion.TrySetCanceled(CancellationToken);
}
