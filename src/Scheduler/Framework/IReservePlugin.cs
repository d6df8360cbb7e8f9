namespace Orchestrator.Scheduler.Framework;

/// <summary>
/// Runs on the scheduling thread once a node is chosen and the pod assumed there: the plugin sets aside what
/// the pod will use on that node (in memory only). A non-success status fails the cycle, and then, as after any
/// later failure (PreBind, binding), <see cref="Unreserve"/> runs for every Reserve plugin; it must be
/// idempotent and also safe when Reserve did nothing.
/// </summary>
public interface IReservePlugin : IPlugin
{
    Status Reserve(CycleState state, V1Pod pod, string nodeName);

    void Unreserve(CycleState state, V1Pod pod, string nodeName);
}
