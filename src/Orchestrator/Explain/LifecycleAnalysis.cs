namespace Orchestrator.Host.Explain;

/// <summary>The pod as a whole: being deleted (grace period, finalizers), its node not Ready, or running but not Ready for no reason found elsewhere.</summary>
internal static class LifecycleAnalysis
{
    public static IEnumerable<Finding> Analyse(PodFacts facts)
    {
        var pod = facts.Pod;
        var node = facts.Nodes.FirstOrDefault(n => n.Metadata.Name == pod.Spec?.NodeName);
        var nodeReady = node?.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        if (pod.Metadata.DeletionTimestamp is { } deleted)
        {
            var details = new List<string>
            {
                string.Create(CultureInfo.InvariantCulture, $"deletion requested {SchedulingAnalysis.Ago(deleted, facts.Now)} (grace period {pod.Metadata.DeletionGracePeriodSeconds ?? 30}s)"),
            };
            var finalizers = pod.Metadata.Finalizers ?? [];
            if (finalizers.Count > 0)
            {
                details.Add("held by finalizers: " + string.Join(", ", finalizers) + " (the controllers that own them remove them)");
            }

            var past = facts.Now > new DateTimeOffset(DateTime.SpecifyKind(deleted, DateTimeKind.Utc));
            yield return new Finding(past ? Severity.Warning : Severity.Info, "Terminating", details,
                finalizers.Count > 0 ? "if the owning controller is gone, remove the finalizer: kubectl patch pod NAME --type=json -p '[{\"op\":\"remove\",\"path\":\"/metadata/finalizers\"}]'"
                : past && nodeReady?.Status != "True" ? "the node is not Ready: its kubelet cannot confirm the containers stopped; kubectl delete pod --force --grace-period=0 if the node is gone"
                : null);
        }

        if (node is not null && nodeReady?.Status != "True")
        {
            yield return new Finding(Severity.Error, $"Its node {node.Metadata.Name} is not Ready",
                [$"Ready={nodeReady?.Status ?? "Unknown"}{(nodeReady?.Reason is { } r ? $" ({r}: {nodeReady.Message})" : "")}"],
                "the kubelet there stopped reporting: ./orchestrator status shows its lease; the node lifecycle controller evicts its pods after the taint's toleration");
        }
        else if (!string.IsNullOrEmpty(pod.Spec?.NodeName) && pod.Spec?.NodeName is { } name && node is null)
        {
            yield return new Finding(Severity.Error, $"Its node {name} does not exist", [], "the pod is bound to a deleted node: delete the pod so its controller makes a new one");
        }
    }
}
