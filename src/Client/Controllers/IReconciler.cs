namespace Orchestrator.Client;

/// <summary>
/// The level-triggered heart of a controller. Given only a key, re-read the current state from the
/// caches (absent means deleted) and make the world match it. Must be idempotent: it is called again
/// after every change, after failures (any exception: requeued with backoff; a
/// <see cref="TerminalException"/>: logged, not retried) and when it asks to be.
/// Never called concurrently for the same key.
/// </summary>
public interface IReconciler
{
    /// <summary>The controller's name, used in logs and metrics (e.g. "replicaset").</summary>
    string Name { get; }

    Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken ct);
}
