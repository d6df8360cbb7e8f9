using Orchestrator.ApiMachinery.Pods;

namespace Orchestrator.Host.Explain;

/// <summary>
/// `explain pod`'s analysis, pure: the pod's state in one line and the findings of each analysis, most severe first
/// (<see cref="SchedulingAnalysis"/>, <see cref="VolumeAnalysis"/>, <see cref="ContainerAnalysis"/>, <see cref="LifecycleAnalysis"/>).
/// </summary>
internal static class PodExplainer
{
    public static IReadOnlyList<Finding> Analyse(PodFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var findings = SchedulingAnalysis.Analyse(facts)
            .Concat(VolumeAnalysis.Analyse(facts))
            .Concat(ContainerAnalysis.Analyse(facts))
            .Concat(LifecycleAnalysis.Analyse(facts))
            .OrderBy(f => f.Severity)
            .ToList();
        var pod = facts.Pod;
        if (findings.Count == 0 && !PodState.IsReady(pod) && pod.Status?.Phase is "Running" or "Pending")
        {
            var condition = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
            findings.Add(new Finding(Severity.Warning, "Not Ready, and no cause found",
                [$"Ready={condition?.Status ?? "Unknown"}{(condition?.Reason is { } r ? $" ({r}{(string.IsNullOrEmpty(condition.Message) ? "" : ": " + condition.Message)})" : "")}"],
                "containers may still be starting; run again in a few seconds, or kubectl describe pod for every event"));
        }

        return findings;
    }

    /// <summary>The pod's state in one line: phase, node, ready containers, restarts.</summary>
    public static string State(PodFacts facts)
    {
        var pod = facts.Pod;
        var statuses = pod.Status?.ContainerStatuses ?? [];
        var ready = statuses.Count(s => s.Ready);
        var phase = pod.Metadata.DeletionTimestamp is not null && !PodState.IsTerminal(pod) ? "Terminating" : pod.Status?.Phase ?? "Pending";
        var node = string.IsNullOrEmpty(pod.Spec?.NodeName) ? "not scheduled" : "on " + pod.Spec.NodeName;
        return $"Pod {pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}: {phase}, {node}, {ready}/{pod.Spec?.Containers?.Count ?? 0} containers ready, {statuses.Sum(s => s.RestartCount)} restarts";
    }

    public static string Format(PodFacts facts)
    {
        var text = new StringBuilder().AppendLine(State(facts));
        var findings = Analyse(facts);
        if (findings.Count == 0)
        {
            text.AppendLine(PodState.IsTerminal(facts.Pod) ? "It has finished: nothing keeps it from running." : "Running and Ready: nothing to explain.");
            return text.ToString();
        }

        foreach (var finding in findings)
        {
            text.AppendLine().AppendLine($"{Label(finding.Severity)}: {finding.Summary}");
            foreach (var detail in finding.Details)
            {
                text.AppendLine("    " + detail);
            }

            if (finding.Advice is { } advice)
            {
                text.AppendLine("  what to do: " + advice);
            }
        }

        return text.ToString();
    }

    private static string Label(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };
}
