namespace Orchestrator.Scheduler.Framework;

/// <summary>
/// Runs in the binding cycle (off the scheduling thread) before the pod is bound to its node: the plugin may
/// write to the API server and wait, bounded and cancelable, for what the pod needs there. A non-success status
/// unreserves the pod and sends it back to the queue with backoff.
/// </summary>
public interface IPreBindPlugin : IPlugin
{
    Task<Status> PreBindAsync(CycleState state, V1Pod pod, string nodeName, CancellationToken ct);
}
