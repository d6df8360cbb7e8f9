using System.Text.RegularExpressions;

namespace Orchestrator.ControllerManager.Controllers.StatefulSet;

/// <summary>Stable identities of a StatefulSet's pods and claims (upstream stateful_set_utils.go).</summary>
internal static partial class StatefulPods
{
    public const string PodNameLabel = "statefulset.kubernetes.io/pod-name";
    public const string PodIndexLabel = "apps.kubernetes.io/pod-index";

    public static string PodName(V1StatefulSet set, int ordinal) => set.Metadata.Name + "-" + ordinal.ToString(CultureInfo.InvariantCulture);

    public static string ClaimName(V1PersistentVolumeClaim template, V1StatefulSet set, int ordinal) =>
        template.Metadata.Name + "-" + PodName(set, ordinal);

    /// <summary>The ordinal in a pod's name when it is <c>&lt;set&gt;-&lt;n&gt;</c>, else -1.</summary>
    public static int Ordinal(V1StatefulSet set, V1Pod pod)
    {
        var match = OrdinalPattern().Match(pod.Metadata.Name ?? "");
        return match.Success && match.Groups[1].Value == set.Metadata.Name
            && int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal)
            ? ordinal
            : -1;
    }

    public static string? Revision(V1Pod pod) => pod.Metadata.Label(Revisions.HashLabel);

    /// <summary>A pod for <paramref name="ordinal"/> from <paramref name="template"/>, labelled with <paramref name="revision"/>.</summary>
    public static V1Pod New(V1StatefulSet set, V1PodTemplateSpec template, int ordinal, string revision)
    {
        var copy = ObjectCopy.Deep(template);
        var name = PodName(set, ordinal);
        var labels = new Dictionary<string, string>(copy.Metadata?.Labels ?? new Dictionary<string, string>())
        {
            [PodNameLabel] = name,
            [PodIndexLabel] = ordinal.ToString(CultureInfo.InvariantCulture),
            [Revisions.HashLabel] = revision,
        };
        var spec = copy.Spec;
        spec.Hostname = name;
        spec.Subdomain = set.Spec.ServiceName;
        var volumes = new List<V1Volume>(spec.Volumes ?? []);
        foreach (var claim in set.Spec.VolumeClaimTemplates ?? [])
        {
            volumes.RemoveAll(v => v.Name == claim.Metadata.Name);
            volumes.Add(new V1Volume
            {
                Name = claim.Metadata.Name,
                PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = ClaimName(claim, set, ordinal) },
            });
        }

        spec.Volumes = volumes.Count > 0 ? volumes : null;
        return PodFactory.Controlled(
            set.Metadata.NamespaceProperty,
            OwnerReferences.NewControllerRef(set.Metadata, "apps/v1", "StatefulSet"),
            new V1ObjectMeta
            {
                Name = name,
                Labels = labels,
                Annotations = copy.Metadata?.Annotations,
                Finalizers = copy.Metadata?.Finalizers,
            },
            spec);
    }

    /// <summary>
    /// The claims of one ordinal, labelled with the set's selector; owned by the set only when the
    /// retention policy deletes them with it (the default, Retain, leaves them unowned).
    /// </summary>
    public static IEnumerable<V1PersistentVolumeClaim> Claims(V1StatefulSet set, int ordinal)
    {
        foreach (var template in set.Spec.VolumeClaimTemplates ?? [])
        {
            var claim = ObjectCopy.Deep(template);
            var labels = new Dictionary<string, string>(claim.Metadata.Labels ?? new Dictionary<string, string>());
            foreach (var (key, value) in set.Spec.Selector?.MatchLabels ?? new Dictionary<string, string>())
            {
                labels[key] = value;
            }

            claim.ApiVersion = "v1";
            claim.Kind = "PersistentVolumeClaim";
            claim.Metadata = new V1ObjectMeta
            {
                Name = ClaimName(template, set, ordinal),
                NamespaceProperty = set.Metadata.NamespaceProperty,
                Labels = labels,
                Annotations = claim.Metadata.Annotations,
                OwnerReferences = set.Spec.PersistentVolumeClaimRetentionPolicy?.WhenDeleted == "Delete"
                    ? [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "StatefulSet", Name = set.Metadata.Name, Uid = set.Metadata.Uid, BlockOwnerDeletion = true }]
                    : null,
            };
            claim.Status = null;
            yield return claim;
        }
    }

    [GeneratedRegex("^(.*)-([0-9]+)\\z")]
    private static partial Regex OrdinalPattern();
}
