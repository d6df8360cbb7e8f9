namespace Orchestrator.Client;

/// <summary>What a reconcile asks of the runner besides "done": to look again after a while.</summary>
public readonly record struct ReconcileResult(TimeSpan? RequeueAfter = null)
{
    public static ReconcileResult Done { get; }

    public static ReconcileResult After(TimeSpan delay) => new(delay);
}
