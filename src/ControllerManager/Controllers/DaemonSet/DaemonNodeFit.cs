using Orchestrator.ApiMachinery.Scheduling;

namespace Orchestrator.ControllerManager.Controllers.DaemonSet;

/// <summary>
/// Whether a DaemonSet's pod belongs on a node (upstream NodeShouldRunDaemonPod): node name,
/// nodeSelector, required node affinity and taints against the pod's tolerations. A pod keeps
/// running on a node whose only untolerated taints are NoSchedule.
/// </summary>
internal static class DaemonNodeFit
{
    internal readonly record struct Fit(bool ShouldRun, bool ShouldContinueRunning);

    public static Fit Evaluate(V1Node node, V1PodSpec podSpec)
    {
        if (!string.IsNullOrEmpty(podSpec.NodeName) && podSpec.NodeName != node.Metadata.Name)
        {
            return new Fit(false, false);
        }

        if (!NodeSelectors.MatchesRequired(podSpec, node))
        {
            return new Fit(false, false);
        }

        var tolerations = podSpec.Tolerations ?? [];
        var taints = node.Spec?.Taints ?? [];
        var noExecuteOk = taints.Where(t => t.Effect == "NoExecute").All(t => Tolerations.Tolerated(t, tolerations));
        var noScheduleOk = taints.Where(t => t.Effect == "NoSchedule").All(t => Tolerations.Tolerated(t, tolerations));
        return new Fit(noExecuteOk && noScheduleOk, noExecuteOk);
    }
}
