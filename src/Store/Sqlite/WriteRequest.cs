namespace Orchestrator.Store.Sqlite;

/// <summary>A write waiting for the group-commit loop; completed only after its batch is durable.</summary>
internal abstract class WriteRequest(CancellationToken cancellationToken)
{
    public CancellationToken CancellationToken { get; } = cancellationToken;

    public abstract void Fail(Exception exception);

    public abstract void Cancel();
}
