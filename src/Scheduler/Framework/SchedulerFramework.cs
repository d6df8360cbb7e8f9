namespace Orchestrator.Scheduler.Framework;

/// <summary>
/// One profile's plugins per extension point, in upstream order, with score weights. Runs the extension points;
/// a Filter run stops at the first plugin that rejects the node (upstream behaviour).
/// </summary>
public sealed class SchedulerFramework
{
    private readonly IPreFilterPlugin[] _preFilters;
    private readonly IFilterPlugin[] _filters;
    private readonly IPreScorePlugin[] _preScores;
    private readonly (IScorePlugin Plugin, int Weight)[] _scores;
    private readonly IReservePlugin[] _reserves;
    private readonly IPreBindPlugin[] _preBinds;

    public SchedulerFramework(IEnumerable<IPlugin> plugins, IReadOnlyDictionary<string, int> weights)
    {
        var list = plugins.ToList();
        _preFilters = [.. list.OfType<IPreFilterPlugin>()];
        _filters = [.. list.OfType<IFilterPlugin>()];
        _preScores = [.. list.OfType<IPreScorePlugin>()];
        _scores = [.. list.OfType<IScorePlugin>().Select(p => (p, weights.TryGetValue(p.Name, out var w) ? w : 1))];
        _reserves = [.. list.OfType<IReservePlugin>()];
        _preBinds = [.. list.OfType<IPreBindPlugin>()];
    }

    public IReadOnlyList<IFilterPlugin> FilterPlugins => _filters;

    public IReadOnlyList<(IScorePlugin Plugin, int Weight)> ScorePlugins => _scores;

    public Status RunPreFilter(CycleState state, PodInfo pod, Snapshot snapshot)
    {
        foreach (var p in _preFilters)
        {
            var status = p.PreFilter(state, pod, snapshot);
            if (!status.IsSuccess)
            {
                return status.WithPlugin(p.Name);
            }
        }

        state.FilterSkipMask = SkipMask(state);
        return Status.Success;
    }

    /// <summary>Thread-safe for different nodes once PreFilter has run.</summary>
    public Status RunFilter(CycleState state, V1Pod pod, NodeInfo node)
    {
        var skip = state.FilterSkipMask ??= SkipMask(state);
        for (var i = 0; i < _filters.Length; i++)
        {
            if (skip[i])
            {
                continue;
            }

            var p = _filters[i];
            var status = p.Filter(state, pod, node);
            if (!status.IsSuccess)
            {
                return status.WithPlugin(p.Name);
            }
        }

        return Status.Success;
    }

    private bool[] SkipMask(CycleState state)
    {
        var mask = new bool[_filters.Length];
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = state.SkipFilterPlugins.Contains(_filters[i].Name);
        }

        return mask;
    }

    public Status RunPreScore(CycleState state, PodInfo pod, Snapshot snapshot, IReadOnlyList<NodeInfo> feasible)
    {
        foreach (var p in _preScores)
        {
            var status = p.PreScore(state, pod, snapshot, feasible);
            if (!status.IsSuccess)
            {
                return status.WithPlugin(p.Name);
            }
        }

        return Status.Success;
    }

    /// <summary>Weighted total score per feasible node (index-aligned), each plugin normalized to 0..100 first.</summary>
    public long[] RunScore(CycleState state, V1Pod pod, IReadOnlyList<NodeInfo> feasible)
    {
        var totals = new long[feasible.Count];
        var scratch = new long[feasible.Count];
        foreach (var (plugin, weight) in _scores)
        {
            if (state.SkipScorePlugins.Contains(plugin.Name))
            {
                continue;
            }

            for (var i = 0; i < feasible.Count; i++)
            {
                scratch[i] = plugin.Score(state, pod, feasible[i]);
            }

            plugin.NormalizeScores(state, pod, feasible, scratch);
            for (var i = 0; i < feasible.Count; i++)
            {
                totals[i] += scratch[i] * weight;
            }
        }

        return totals;
    }

    /// <summary>Reserve in order; on the first failure the plugins already run (and the failing one) are unreserved.</summary>
    public Status RunReserve(CycleState state, V1Pod pod, string nodeName)
    {
        foreach (var p in _reserves)
        {
            var status = p.Reserve(state, pod, nodeName);
            if (!status.IsSuccess)
            {
                RunUnreserve(state, pod, nodeName);
                return status.WithPlugin(p.Name);
            }
        }

        return Status.Success;
    }

    /// <summary>Unreserve in reverse order, as upstream.</summary>
    public void RunUnreserve(CycleState state, V1Pod pod, string nodeName)
    {
        for (var i = _reserves.Length - 1; i >= 0; i--)
        {
            _reserves[i].Unreserve(state, pod, nodeName);
        }
    }

    /// <summary>PreBind in order, stopping at the first plugin that does not succeed.</summary>
    public async Task<Status> RunPreBindAsync(CycleState state, V1Pod pod, string nodeName, CancellationToken ct)
    {
        foreach (var p in _preBinds)
        {
            var status = await p.PreBindAsync(state, pod, nodeName, ct);
            if (!status.IsSuccess)
            {
                return status.WithPlugin(p.Name);
            }
        }

        return Status.Success;
    }
}
