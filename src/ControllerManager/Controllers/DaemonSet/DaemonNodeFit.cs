using System.Globalization;
using k8s.Models;
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

        if (!MatchesSelector(node, podSpec.NodeSelector) || !MatchesRequiredAffinity(node, podSpec.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution))
        {
            return new Fit(false, false);
        }

        var tolerations = podSpec.Tolerations ?? [];
        var taints = node.Spec?.Taints ?? [];
        var noExecuteOk = taints.Where(t => t.Effect == "NoExecute").All(t => Tolerations.Tolerated(t, tolerations));
        var noScheduleOk = taints.Where(t => t.Effect == "NoSchedule").All(t => Tolerations.Tolerated(t, tolerations));
        return new Fit(noExecuteOk && noScheduleOk, noExecuteOk);
    }

    public static bool MatchesSelector(V1Node node, IDictionary<string, string>? selector)
    {
        var labels = node.Metadata.Labels ?? new Dictionary<string, string>();
        return selector is null || selector.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value);
    }

    /// <summary>Terms are ORed; the requirements inside a term are ANDed; a selector without terms matches nothing.</summary>
    public static bool MatchesRequiredAffinity(V1Node node, V1NodeSelector? required)
    {
        if (required is null)
        {
            return true;
        }

        var labels = node.Metadata.Labels ?? new Dictionary<string, string>();
        var fields = new Dictionary<string, string> { ["metadata.name"] = node.Metadata.Name };
        return (required.NodeSelectorTerms ?? []).Any(term =>
            ((term.MatchExpressions?.Count ?? 0) + (term.MatchFields?.Count ?? 0)) > 0
            && (term.MatchExpressions ?? []).All(r => Matches(r, labels))
            && (term.MatchFields ?? []).All(r => Matches(r, fields)));
    }

    private static bool Matches(V1NodeSelectorRequirement requirement, IDictionary<string, string> values)
    {
        var present = values.TryGetValue(requirement.Key, out var value);
        var candidates = requirement.Values ?? [];
        return requirement.OperatorProperty switch
        {
            "In" => present && candidates.Contains(value!),
            "NotIn" => !present || !candidates.Contains(value!),
            "Exists" => present,
            "DoesNotExist" => !present,
            "Gt" => present && Compare(value!, candidates) > 0,
            "Lt" => present && Compare(value!, candidates) < 0,
            _ => false,
        };
    }

    private static int Compare(string value, IList<string> candidates) =>
        candidates.Count == 1
        && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var actual)
        && long.TryParse(candidates[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var bound)
            ? actual.CompareTo(bound)
            : 0;
}
