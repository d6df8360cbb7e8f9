namespace Orchestrator.Scheduler.Framework;

/// <summary>
/// Decides whether the pod fits one node. Pure: reads the pod, the node info and the cycle state only.
/// May be called concurrently for different nodes of the same cycle. Unschedulable means preemption might
/// help; UnschedulableAndUnresolvable means it cannot.
/// </summary>
public interface IFilterPlugin : IPlugin
{
    Status Filter(CycleState state, V1Pod pod, NodeInfo nodeInfo);
}
