namespace Orchestrator.Store.Sqlite;

/// <summary>A compaction, serialized with the writes so it sees a stable revision.</summary>
internal sealed class CompactWrite(long revision, CancellationToken cancellationToken) : WriteRequest(cancellationToken)
{
    public long Revision { get; } = revision;

    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void Fail(Exception exception) => Completion.TrySetException(exception);

    public override void Cancel() => Completion.TrySetCanceled(CancellationToken);
}
