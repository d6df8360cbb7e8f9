using Orchestrator.ApiMachinery.Scheduling;
using Orchestrator.Scheduler.Framework;

namespace Orchestrator.Host.Explain;

/// <summary>
/// Why a pod has no node: each node's own reasons computed here (node selector and affinity, taints, cordon, cpu, memory,
/// pod count — with the amounts), grouped like the scheduler groups them, and the scheduler's last FailedScheduling
/// message, which also covers what is not recomputed here (pod affinity, topology spread, ports, volumes, image platform).
/// </summary>
internal static class SchedulingAnalysis
{
    public static IEnumerable<Finding> Analyse(PodFacts facts)
    {
        var pod = facts.Pod;
        if (!string.IsNullOrEmpty(pod.Spec?.NodeName) || pod.Status?.Phase is "Succeeded" or "Failed")
        {
            yield break;
        }

        var failed = facts.EventsOf("FailedScheduling").FirstOrDefault();
        var details = new List<string>();
        var reasons = NodeReasons(facts);
        if (facts.Nodes.Count == 0)
        {
            details.Add("no node is registered");
        }
        else if (reasons.Count > 0)
        {
            details.Add($"0/{facts.Nodes.Count} nodes fit: " + string.Join("; ", reasons.Select(r => $"{r.Value.Count} {r.Key}")));
            details.AddRange(reasons.SelectMany(r => r.Value.Details).Distinct(StringComparer.Ordinal).Select(d => "  " + d));
        }

        if (failed is not null)
        {
            var count = failed.Count is > 1 ? $", {failed.Count} times" : "";
            details.Add($"scheduler ({Ago(PodFacts.LastSeen(failed), facts.Now)}{count}): {failed.Message}");
        }

        var scheduler = pod.Spec?.SchedulerName ?? "default-scheduler";
        if (failed is null && reasons.Count == 0 && facts.Nodes.Count > 0)
        {
            var who = scheduler == "default-scheduler" ? "the scheduler" : $"scheduler \"{scheduler}\" (spec.schedulerName)";
            yield return new Finding(Severity.Warning, "Not scheduled yet, and no node is ruled out", details,
                $"{who} has not reported on this pod: check it runs (./orchestrator status) and wait a few seconds");
            yield break;
        }

        yield return new Finding(Severity.Error, "Not scheduled: no node can take this pod", details, Advice(reasons, failed?.Message, facts.Nodes.Count));
    }

    /// <summary>Per reason, the nodes it rules out and the facts that name why.</summary>
    private static SortedDictionary<string, (int Count, List<string> Details)> NodeReasons(PodFacts facts)
    {
        var pod = facts.Pod;
        var request = PodInfo.ComputeRequests(pod.Spec, nonZero: false);
        var infos = facts.Nodes.ToDictionary(n => n.Metadata.Name, n => new NodeInfo(n), StringComparer.Ordinal);
        foreach (var bound in facts.BoundPods)
        {
            if (bound.Spec?.NodeName is { } name && infos.TryGetValue(name, out var info) && bound.Status?.Phase is not ("Succeeded" or "Failed") && bound.Metadata.Uid != pod.Metadata.Uid)
            {
                info.AddPod(new PodInfo(bound));
            }
        }

        var reasons = new SortedDictionary<string, (int Count, List<string> Details)>(StringComparer.Ordinal);
        if (infos.Count == 0)
        {
            return reasons;
        }

        void Add(string reason, string? detail)
        {
            var entry = reasons.TryGetValue(reason, out var e) ? e : (0, new List<string>());
            if (detail is not null)
            {
                entry.Item2.Add(detail);
            }

            reasons[reason] = (entry.Item1 + 1, entry.Item2);
        }

        var cpuFree = infos.Values.Select(i => (i.Name, Free: i.Allocatable.MilliCpu - i.Requested.MilliCpu)).MaxBy(f => f.Free);
        var memoryFree = infos.Values.Select(i => (i.Name, Free: i.Allocatable.Memory - i.Requested.Memory)).MaxBy(f => f.Free);
        foreach (var node in facts.Nodes)
        {
            var info = infos[node.Metadata.Name];
            if (node.Spec?.Unschedulable == true)
            {
                Add("cordoned (unschedulable)", $"{node.Metadata.Name} is cordoned: kubectl uncordon {node.Metadata.Name}");
            }

            if (!NodeSelectors.MatchesRequired(pod.Spec, node))
            {
                Add("node selector/affinity mismatch", SelectorDetail(pod, facts.Nodes));
            }

            if (Tolerations.FindUntolerated(node.Spec?.Taints, pod.Spec?.Tolerations, t => t.Effect is "NoSchedule" or "NoExecute") is { } taint)
            {
                Add($"untolerated taint {taint.Key}{(string.IsNullOrEmpty(taint.Value) ? "" : "=" + taint.Value)}:{taint.Effect}", null);
            }

            if (request.MilliCpu > 0 && request.MilliCpu > info.Allocatable.MilliCpu - info.Requested.MilliCpu)
            {
                Add("insufficient cpu", $"cpu: the pod asks {Amounts.Cpu(request.MilliCpu)}, the largest free is {Amounts.Cpu(Math.Max(0, cpuFree.Free))} on {cpuFree.Name}");
            }

            if (request.Memory > 0 && request.Memory > info.Allocatable.Memory - info.Requested.Memory)
            {
                Add("insufficient memory", $"memory: the pod asks {Amounts.Bytes(request.Memory)}, the largest free is {Amounts.Bytes(Math.Max(0, memoryFree.Free))} on {memoryFree.Name}");
            }

            if (info.Pods.Count + 1 > info.Allocatable.AllowedPodNumber)
            {
                Add("too many pods", $"{node.Metadata.Name} runs {info.Pods.Count} pods of {info.Allocatable.AllowedPodNumber} allowed");
            }
        }

        return reasons;
    }

    /// <summary>Which of the pod's nodeSelector pairs no node carries (the affinity terms are named as a whole).</summary>
    private static string SelectorDetail(V1Pod pod, IReadOnlyList<V1Node> nodes)
    {
        var missing = (pod.Spec?.NodeSelector ?? new Dictionary<string, string>())
            .Where(p => !nodes.Any(n => n.Metadata.Labels?.TryGetValue(p.Key, out var v) == true && v == p.Value))
            .Select(p => $"{p.Key}={p.Value}").ToList();
        return missing.Count > 0
            ? $"nodeSelector {string.Join(", ", missing)}: no node has this label"
            : "spec.affinity.nodeAffinity requiredDuringSchedulingIgnoredDuringExecution matches no node (or the nodeSelector matches none with it)";
    }

    private static string Advice(SortedDictionary<string, (int Count, List<string> Details)> reasons, string? message, int nodes)
    {
        if (nodes == 0)
        {
            return "start a node (./orchestrator up starts one; another machine: ./orchestrator join …)";
        }

        var advice = new List<string>();
        if (reasons.Keys.Any(r => r.StartsWith("insufficient", StringComparison.Ordinal)) || message?.Contains("Insufficient", StringComparison.Ordinal) == true)
        {
            advice.Add("lower the pod's resources.requests, free capacity (kubectl top nodes; delete or scale down other pods) or add a node");
        }

        if (reasons.ContainsKey("node selector/affinity mismatch"))
        {
            advice.Add("fix the pod's nodeSelector/affinity or label a node: kubectl label node NODE KEY=VALUE");
        }

        if (reasons.Keys.Any(r => r.StartsWith("untolerated taint", StringComparison.Ordinal)))
        {
            advice.Add("add a toleration for the taint to the pod, or remove it: kubectl taint node NODE KEY-");
        }

        if (message?.Contains("cannot run image", StringComparison.Ordinal) == true)
        {
            advice.Add("the image has no build for the nodes' os/arch: use a multi-platform image or add a matching node");
        }

        if (message?.Contains("persistentvolumeclaim", StringComparison.Ordinal) == true)
        {
            advice.Add("create the claim the pod names, or fix spec.volumes");
        }

        return advice.Count > 0 ? string.Join("; ", advice) : "read the scheduler's reasons above";
    }

    internal static string Ago(DateTime time, DateTimeOffset now) =>
        Status.StatusReport.Age(time, now) + " ago";
}
