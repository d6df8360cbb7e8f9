using Orchestrator.ApiMachinery.Scheduling;

namespace Orchestrator.ControllerManager.Controllers.NodeLifecycle;

/// <summary>
/// Upstream's NoExecute taint manager as a pure function: a pod that does not tolerate every NoExecute
/// taint of its node goes at once; one tolerating with tolerationSeconds goes that long after the taint
/// was added; one tolerating without a limit stays.
/// </summary>
internal static class TaintEvictionPlanner
{
    public static TaintEvictionPlan Plan(IEnumerable<V1Taint>? nodeTaints, IEnumerable<V1Pod> pods, DateTime now)
    {
        var taints = (nodeTaints ?? []).Where(t => t.Effect == NodeTaintPlanner.NoExecute).ToList();
        if (taints.Count == 0)
        {
            return new TaintEvictionPlan([], null);
        }

        var evict = new List<V1Pod>();
        DateTime? next = null;
        foreach (var pod in pods)
        {
            if (pod.Metadata.DeletionTimestamp is not null)
            {
                continue;
            }

            var deadline = Deadline(taints, pod.Spec?.Tolerations ?? [], now);
            if (deadline <= now)
            {
                evict.Add(pod);
            }
            else if (deadline != DateTime.MaxValue && (next is null || deadline < next))
            {
                next = deadline;
            }
        }

        return new TaintEvictionPlan(evict, next);
    }

    /// <summary>When the pod must go: DateTime.MinValue for an untolerated taint, MaxValue when tolerated forever.</summary>
    private static DateTime Deadline(List<V1Taint> taints, IList<V1Toleration> tolerations, DateTime now)
    {
        var deadline = DateTime.MaxValue;
        foreach (var taint in taints)
        {
            var matching = tolerations.Where(t => Tolerations.Tolerates(t, taint)).ToList();
            if (matching.Count == 0)
            {
                return DateTime.MinValue;
            }

            var limits = matching.Where(t => t.TolerationSeconds is not null).Select(t => Math.Max(0, t.TolerationSeconds!.Value)).ToList();
            if (limits.Count == 0)
            {
                continue;
            }

            var until = (taint.TimeAdded ?? now).AddSeconds(limits.Min());
            if (until < deadline)
            {
                deadline = until;
            }
        }

        return deadline;
    }
}
