using Orchestrator.ApiMachinery.Storage;

namespace Orchestrator.Scheduler.Plugins.VolumeBinding;

/// <summary>
/// Upstream's FindPodVolumes for the unbound claims on one node, pure: a claim the scheduler already sent to
/// a node for provisioning fits only that node; the others take the smallest matching Available volume whose
/// node affinity admits the node (never one volume for two claims), else need a class that can provision
/// there (a provisioner other than kubernetes.io/no-provisioner and allowedTopologies matching the node's labels).
/// </summary>
internal static class PodVolumeMatcher
{
    /// <summary>The volumes and provisions for the node, or null when some claim cannot be satisfied there.</summary>
    public static PodVolumes? Match(VolumeBindingState state, V1Node node)
    {
        var chosen = new HashSet<string>(state.Assumed, StringComparer.Ordinal);
        var statics = new List<(V1PersistentVolumeClaim, V1PersistentVolume)>();
        var provisions = new List<V1PersistentVolumeClaim>();
        foreach (var claim in state.ToBind)
        {
            if (claim.Metadata.Annotations?.TryGetValue(StorageAnnotations.SelectedNode, out var selected) == true)
            {
                if (selected != node.Metadata.Name)
                {
                    return null;
                }

                provisions.Add(claim);
                continue;
            }

            var wanted = claim.Spec?.VolumeName;
            var candidates = string.IsNullOrEmpty(wanted) ? state.Volumes : state.Volumes.Where(v => v.Metadata.Name == wanted);
            if (VolumeMatching.FindMatchingVolume(claim, candidates, node, chosen, delayBinding: true) is { } volume)
            {
                chosen.Add(volume.Metadata.Name);
                statics.Add((claim, volume));
            }
            else if (string.IsNullOrEmpty(wanted))
            {
                provisions.Add(claim);
            }
            else
            {
                return null;
            }
        }

        foreach (var claim in provisions)
        {
            if (!state.Classes.TryGetValue(VolumeMatching.ClaimClass(claim), out var storageClass) || storageClass is null
                || storageClass.Provisioner == StorageAnnotations.NoProvisioner
                || !TopologyMatches(storageClass.AllowedTopologies, node))
            {
                return null;
            }
        }

        return new PodVolumes(statics, provisions);
    }

    /// <summary>Upstream's MatchTopologySelectorTerms: no terms match every node, an empty term none; terms are ORed, a term's expressions ANDed.</summary>
    public static bool TopologyMatches(IList<V1TopologySelectorTerm>? terms, V1Node node)
    {
        if (terms is null || terms.Count == 0)
        {
            return true;
        }

        var labels = node.Metadata.Labels;
        // A term without expressions selects nothing.
        return terms.Any(term => term.MatchLabelExpressions is { Count: > 0 } expressions && expressions.All(e =>
            labels is not null && labels.TryGetValue(e.Key, out var value) && e.Values.Contains(value)));
    }
}
