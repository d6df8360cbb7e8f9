namespace Orchestrator.ControllerManager.Controllers.DaemonSet;

/// <summary>The pods a DaemonSet creates (upstream util.CreatePodTemplate and the daemon tolerations).</summary>
internal static class DaemonPods
{
    public const string TemplateGenerationLabel = "pod-template-generation";

    /// <summary>The tolerations every DaemonSet pod gets, so node conditions do not evict it.</summary>
    public static IReadOnlyList<V1Toleration> DefaultTolerations(bool hostNetwork)
    {
        var tolerations = new List<V1Toleration>
        {
            new() { Key = "node.kubernetes.io/not-ready", OperatorProperty = "Exists", Effect = "NoExecute" },
            new() { Key = "node.kubernetes.io/unreachable", OperatorProperty = "Exists", Effect = "NoExecute" },
            new() { Key = "node.kubernetes.io/disk-pressure", OperatorProperty = "Exists", Effect = "NoSchedule" },
            new() { Key = "node.kubernetes.io/memory-pressure", OperatorProperty = "Exists", Effect = "NoSchedule" },
            new() { Key = "node.kubernetes.io/pid-pressure", OperatorProperty = "Exists", Effect = "NoSchedule" },
            new() { Key = "node.kubernetes.io/unschedulable", OperatorProperty = "Exists", Effect = "NoSchedule" },
        };
        if (hostNetwork)
        {
            tolerations.Add(new V1Toleration { Key = "node.kubernetes.io/network-unavailable", OperatorProperty = "Exists", Effect = "NoSchedule" });
        }

        return tolerations;
    }

    /// <summary>The template's pod spec with the default tolerations added (upstream AddOrUpdateDaemonPodTolerations).</summary>
    public static V1PodSpec SpecWithTolerations(V1PodSpec spec)
    {
        var copy = ObjectCopy.Deep(spec);
        var tolerations = new List<V1Toleration>(copy.Tolerations ?? []);
        foreach (var toleration in DefaultTolerations(copy.HostNetwork == true))
        {
            // Replace a user toleration of the same key and effect, as upstream's AddOrUpdateTolerationInPodSpec does.
            tolerations.RemoveAll(t => t.Key == toleration.Key && t.Effect == toleration.Effect);
            tolerations.Add(toleration);
        }

        copy.Tolerations = tolerations;
        return copy;
    }

    public static V1Pod New(V1DaemonSet ds, string nodeName, string hash)
    {
        var template = ObjectCopy.Deep(ds.Spec.Template);
        var meta = template.Metadata ?? new V1ObjectMeta();
        var labels = new Dictionary<string, string>(meta.Labels ?? new Dictionary<string, string>())
        {
            [Revisions.HashLabel] = hash,
            [TemplateGenerationLabel] = (ds.Metadata.Generation ?? 0).ToString(CultureInfo.InvariantCulture),
        };
        var spec = SpecWithTolerations(template.Spec);
        spec.Affinity = PinToNode(spec.Affinity, nodeName);
        var generateName = ds.Metadata.Name + "-";
        return PodFactory.Controlled(
            ds.Metadata.NamespaceProperty,
            OwnerReferences.NewControllerRef(ds.Metadata, "apps/v1", "DaemonSet"),
            new V1ObjectMeta
            {
                GenerateName = generateName.Length > 58 ? generateName[..58] : generateName,
                Labels = labels,
                Annotations = meta.Annotations,
                Finalizers = meta.Finalizers,
            },
            spec);
    }

    /// <summary>
    /// Upstream ReplaceDaemonSetPodNodeNameNodeAffinity: the required node affinity becomes the single
    /// term <c>matchFields metadata.name In [node]</c>, so the scheduler binds the pod to that node.
    /// </summary>
    public static V1Affinity PinToNode(V1Affinity? affinity, string nodeName)
    {
        var pin = new V1NodeSelector
        {
            NodeSelectorTerms =
            [
                new V1NodeSelectorTerm
                {
                    MatchFields = [new V1NodeSelectorRequirement { Key = "metadata.name", OperatorProperty = "In", Values = [nodeName] }],
                },
            ],
        };
        var result = affinity ?? new V1Affinity();
        result.NodeAffinity ??= new V1NodeAffinity();
        result.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution = pin;
        return result;
    }

    /// <summary>The node a daemon pod is bound to, or else pinned to by its affinity.</summary>
    public static string? NodeOf(V1Pod pod)
    {
        if (!string.IsNullOrEmpty(pod.Spec?.NodeName))
        {
            return pod.Spec.NodeName;
        }

        return pod.Spec?.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms?
            .SelectMany(t => t.MatchFields ?? [])
            .FirstOrDefault(r => r.Key == "metadata.name" && r.OperatorProperty == "In" && r.Values?.Count == 1)?
            .Values[0];
    }

    public static bool IsUpdated(V1Pod pod, string hash) =>
        pod.Metadata.Labels?.TryGetValue(Revisions.HashLabel, out var value) == true && value == hash;
}
