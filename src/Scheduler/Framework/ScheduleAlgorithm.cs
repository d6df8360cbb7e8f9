namespace Orchestrator.Scheduler.Framework;

/// <summary>
/// upstream's schedulePod: PreFilter, Filter over a rotating window of nodes until enough feasible ones are found
/// (percentageOfNodesToScore), PreScore/Score, then the best node with random tie-breaking. Single-threaded
/// caller (the scheduling loop); no per-cycle allocation proportional to the cluster beyond the feasible list.
/// </summary>
public sealed class ScheduleAlgorithm(SchedulerFramework framework, Random random, int percentageOfNodesToScore = 0)
{
    /// <summary>Upstream minimums: at least 100 feasible nodes and at least 5% of the cluster.</summary>
    public const int MinFeasibleNodesToFind = 100;
    public const int MinFeasibleNodesPercentageToFind = 5;

    private int _nextStartNodeIndex;

    /// <summary>The profile's plugins, for the Reserve and PreBind extension points the caller runs.</summary>
    public SchedulerFramework Framework => framework;

    public static int NumFeasibleNodesToFind(int percentageOfNodesToScore, int numAllNodes)
    {
        if (numAllNodes < MinFeasibleNodesToFind)
        {
            return numAllNodes;
        }

        var percentage = percentageOfNodesToScore;
        if (percentage <= 0)
        {
            percentage = Math.Max(50 - (numAllNodes / 125), MinFeasibleNodesPercentageToFind);
        }

        var numNodes = (int)((long)numAllNodes * percentage / 100);
        return Math.Max(numNodes, MinFeasibleNodesToFind);
    }

    public ScheduleResult Schedule(PodInfo pod, Snapshot snapshot)
    {
        var nodes = snapshot.Nodes;
        if (nodes.Count == 0)
        {
            return new ScheduleResult(null, 0, 0, FailureMessage.NoNodesAvailable, null);
        }

        var state = new CycleState();
        state.SetPodInfo(pod);
        var diagnosis = new Diagnosis();
        var pre = framework.RunPreFilter(state, pod, snapshot);
        if (!pre.IsSuccess)
        {
            diagnosis.PreFilterStatus = pre;
            return Fail(pod, nodes.Count, diagnosis, 0);
        }

        var feasible = FindFeasible(state, pod, nodes, diagnosis, out var evaluated);
        if (feasible.Count == 0)
        {
            return Fail(pod, nodes.Count, diagnosis, evaluated);
        }

        if (feasible.Count == 1)
        {
            return new ScheduleResult(feasible[0].Name, evaluated, 1, null, null) { State = state };
        }

        var preScore = framework.RunPreScore(state, pod, snapshot, feasible);
        if (!preScore.IsSuccess)
        {
            return new ScheduleResult(null, evaluated, feasible.Count, preScore.Message, null);
        }

        var scores = framework.RunScore(state, pod.Pod, feasible);
        return new ScheduleResult(SelectHost(feasible, scores), evaluated, feasible.Count, null, null) { State = state };
    }

    private List<NodeInfo> FindFeasible(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, Diagnosis diagnosis, out int evaluated)
    {
        var toFind = NumFeasibleNodesToFind(percentageOfNodesToScore, nodes.Count);
        var feasible = new List<NodeInfo>(Math.Min(toFind, 256));
        var start = _nextStartNodeIndex % nodes.Count;
        evaluated = 0;
        for (var i = 0; i < nodes.Count && feasible.Count < toFind; i++)
        {
            var node = nodes[(start + i) % nodes.Count];
            evaluated++;
            var status = framework.RunFilter(state, pod.Pod, node);
            if (status.IsSuccess)
            {
                feasible.Add(node);
            }
            else
            {
                diagnosis.NodeToStatus[node.Name] = status;
            }
        }

        _nextStartNodeIndex = (start + evaluated) % nodes.Count;
        return feasible;
    }

    /// <summary>Highest score wins; among equal scores each node is equally likely (reservoir sampling).</summary>
    private string SelectHost(List<NodeInfo> feasible, long[] scores)
    {
        var best = 0;
        var ties = 1;
        for (var i = 1; i < feasible.Count; i++)
        {
            if (scores[i] > scores[best])
            {
                best = i;
                ties = 1;
            }
            else if (scores[i] == scores[best])
            {
                ties++;
                if (random.Next(ties) == 0)
                {
                    best = i;
                }
            }
        }

        return feasible[best].Name;
    }

    private static ScheduleResult Fail(PodInfo pod, int numAllNodes, Diagnosis diagnosis, int evaluated) =>
        new(null, evaluated, 0, FailureMessage.Build(pod.Pod, numAllNodes, diagnosis), diagnosis);
}
