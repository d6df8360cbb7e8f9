namespace Orchestrator.Scheduler.Framework;

/// <summary>
/// Ranks feasible nodes. <see cref="Score"/> is pure and may run concurrently per node; <see cref="NormalizeScores"/>
/// then maps the raw scores (in feasible-node order) into 0..<see cref="MaxNodeScore"/>.
/// </summary>
public interface IScorePlugin : IPlugin
{
    const long MaxNodeScore = 100;

    long Score(CycleState state, V1Pod pod, NodeInfo nodeInfo);

    /// <summary>Rewrites raw scores (index-aligned with <paramref name="nodes"/>) in place; plugins already 0..100 leave them.</summary>
    void NormalizeScores(CycleState state, V1Pod pod, IReadOnlyList<NodeInfo> nodes, Span<long> scores);
}
