namespace Orchestrator.Scheduler.Framework;

/// <summary>Runs once per cycle, after filtering, with the feasible nodes; precomputes scoring state.</summary>
public interface IPreScorePlugin : IPlugin
{
    Status PreScore(CycleState state, PodInfo pod, Snapshot snapshot, IReadOnlyList<NodeInfo> feasibleNodes);
}
