using System.Globalization;
using System.Text;

namespace Orchestrator.Scheduler.Framework;

/// <summary>
/// Builds the FailedScheduling message exactly like upstream's FitError.Error():
/// "0/N nodes are available: &lt;count reason, ...sorted&gt;. preemption: 0/N nodes are available: &lt;...&gt;."
/// </summary>
/// <remarks>
/// This scheduler does not preempt. The "preemption:" suffix is still written, as upstream's DefaultPreemption
/// PostFilter writes it when it finds no candidates: nodes rejected as UnschedulableAndUnresolvable count as
/// "Preemption is not helpful for scheduling"; nodes rejected as Unschedulable count as "No preemption victims
/// found for incoming pod" (true here: we never select victims); pods with preemptionPolicy Never get
/// "preemption: not eligible due to preemptionPolicy=Never.". Tools and people that parse upstream messages
/// therefore read ours the same way.
/// </remarks>
public static class FailureMessage
{
    public const string NoNodesAvailable = "no nodes available to schedule pods";
    public const string PreemptionNotHelpful = "Preemption is not helpful for scheduling";
    public const string NoPreemptionVictims = "No preemption victims found for incoming pod";

    public static string Build(V1Pod pod, int numAllNodes, Diagnosis diagnosis)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"0/{numAllNodes} nodes are available:");
        if (diagnosis.PreFilterStatus is { } pre)
        {
            sb.Append(' ').Append(pre.Message).Append('.');
        }
        else
        {
            var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var status in diagnosis.NodeToStatus.Values)
            {
                foreach (var reason in status.Reasons)
                {
                    reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
                }
            }

            AppendHistogram(sb, reasons);
        }

        sb.Append(' ').Append(PreemptionMessage(pod, numAllNodes, diagnosis));
        return sb.ToString();
    }

    /// <summary>The PostFilter part, as upstream's DefaultPreemption words it when no node has preemption candidates.</summary>
    public static string PreemptionMessage(V1Pod pod, int numAllNodes, Diagnosis diagnosis)
    {
        if (pod.Spec?.PreemptionPolicy == "Never")
        {
            return "preemption: not eligible due to preemptionPolicy=Never.";
        }

        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        if (diagnosis.PreFilterStatus is { } pre)
        {
            reasons[pre.Code == StatusCode.Unschedulable ? NoPreemptionVictims : PreemptionNotHelpful] = numAllNodes;
        }
        else
        {
            foreach (var status in diagnosis.NodeToStatus.Values)
            {
                var reason = status.Code == StatusCode.Unschedulable ? NoPreemptionVictims : PreemptionNotHelpful;
                reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
            }
        }

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"preemption: 0/{numAllNodes} nodes are available:");
        AppendHistogram(sb, reasons);
        return sb.ToString();
    }

    private static void AppendHistogram(StringBuilder sb, Dictionary<string, int> reasons)
    {
        if (reasons.Count == 0)
        {
            return;
        }

        var items = reasons.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Value} {r.Key}")).ToList();
        items.Sort(StringComparer.Ordinal);
        sb.Append(' ').AppendJoin(", ", items).Append('.');
    }
}
