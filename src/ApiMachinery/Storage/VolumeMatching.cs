using Orchestrator.ApiMachinery.Labels;
using Orchestrator.ApiMachinery.Resources;
using Orchestrator.ApiMachinery.Scheduling;

namespace Orchestrator.ApiMachinery.Storage;

/// <summary>
/// Which PersistentVolume satisfies a claim, with upstream's semantics (component-helpers/storage/volume
/// pv_helpers.go and the binder's access-mode index): the one copy the binder and the scheduler share.
/// </summary>
public static class VolumeMatching
{
    /// <summary>The claim's class: the beta annotation first, then spec.storageClassName; "" for none.</summary>
    public static string ClaimClass(V1PersistentVolumeClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return claim.Metadata?.Annotations?.TryGetValue(StorageAnnotations.BetaStorageClass, out var beta) == true
            ? beta
            : claim.Spec?.StorageClassName ?? string.Empty;
    }

    /// <summary>True when the claim names a class (the empty class included) by field or beta annotation.</summary>
    public static bool ClaimHasClass(V1PersistentVolumeClaim claim) =>
        claim.Metadata?.Annotations?.ContainsKey(StorageAnnotations.BetaStorageClass) == true || claim.Spec?.StorageClassName is not null;

    /// <summary>The volume's class: the beta annotation first, then spec.storageClassName; "" for none.</summary>
    public static string VolumeClass(V1PersistentVolume volume)
    {
        ArgumentNullException.ThrowIfNull(volume);
        return volume.Metadata?.Annotations?.TryGetValue(StorageAnnotations.BetaStorageClass, out var beta) == true
            ? beta
            : volume.Spec?.StorageClassName ?? string.Empty;
    }

    /// <summary>The volume's claimRef names the claim, and its uid is either unset (pre-bound) or the claim's.</summary>
    public static bool IsVolumeBoundToClaim(V1PersistentVolume volume, V1PersistentVolumeClaim claim)
    {
        var reference = volume.Spec?.ClaimRef;
        return reference is not null
            && reference.Name == claim.Metadata.Name
            && reference.NamespaceProperty == claim.Metadata.NamespaceProperty
            && (string.IsNullOrEmpty(reference.Uid) || reference.Uid == claim.Metadata.Uid);
    }

    /// <summary>Every access mode the claim asks for is one the volume offers.</summary>
    public static bool CheckAccessModes(V1PersistentVolumeClaim claim, V1PersistentVolume volume)
    {
        var offered = volume.Spec?.AccessModes ?? [];
        return (claim.Spec?.AccessModes ?? []).All(offered.Contains);
    }

    /// <summary>The claim's and the volume's volumeMode differ (an unset mode is Filesystem).</summary>
    public static bool VolumeModeMismatch(V1PersistentVolumeClaim claim, V1PersistentVolume volume) =>
        (claim.Spec?.VolumeMode ?? "Filesystem") != (volume.Spec?.VolumeMode ?? "Filesystem");

    /// <summary>The volume's required node affinity admits the node (a volume without one fits every node).</summary>
    public static bool NodeAffinityMatches(V1PersistentVolume volume, V1Node node)
    {
        var required = volume.Spec?.NodeAffinity?.Required;
        return required is null || NodeSelectors.MatchesAnyTerm(required.NodeSelectorTerms, node);
    }

    /// <summary>Capacity in bytes (Go's Quantity.Value); 0 when the volume or claim states none.</summary>
    public static long Storage(IDictionary<string, ResourceQuantity>? resources) =>
        resources is not null && resources.TryGetValue("storage", out var quantity) ? QuantityValues.Value(quantity) : 0;

    /// <summary>
    /// Upstream's FindMatchingVolume: the volume pre-bound to the claim if any (null when a node is given
    /// and that volume does not fit it), else the smallest Available volume that is big enough, of the
    /// claim's class, volumeMode and selector, not being deleted, and (when <paramref name="node"/> is
    /// given: the scheduler's path) fitting the node and offering the claim's access modes. With
    /// <paramref name="delayBinding"/> and no node, only a pre-bound volume is returned: the scheduler binds the rest.
    /// </summary>
    public static V1PersistentVolume? FindMatchingVolume(
        V1PersistentVolumeClaim claim, IEnumerable<V1PersistentVolume> volumes, V1Node? node, IReadOnlySet<string>? excluded, bool delayBinding)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(volumes);
        var requested = Storage(claim.Spec?.Resources?.Requests);
        var requestedClass = ClaimClass(claim);
        var selector = claim.Spec?.Selector is { } s ? LabelSelector.From(s) : null;
        V1PersistentVolume? smallest = null;
        long smallestSize = 0;
        foreach (var volume in volumes.OrderBy(v => v.Metadata.Name, StringComparer.Ordinal))
        {
            if (excluded?.Contains(volume.Metadata.Name) == true
                || (volume.Spec?.ClaimRef is not null && !IsVolumeBoundToClaim(volume, claim)))
            {
                continue;
            }

            var size = Storage(volume.Spec?.Capacity);
            if (size < requested || VolumeModeMismatch(claim, volume) || volume.Metadata.DeletionTimestamp is not null)
            {
                continue;
            }

            var fitsNode = node is null || NodeAffinityMatches(volume, node);
            if (IsVolumeBoundToClaim(volume, claim))
            {
                return fitsNode ? volume : null;
            }

            if ((node is null && delayBinding)
                || volume.Status?.Phase != "Available"
                || (selector is not null && !selector.Matches(volume.Metadata.Labels))
                || VolumeClass(volume) != requestedClass
                || !fitsNode
                || (node is not null && !CheckAccessModes(claim, volume)))
            {
                continue;
            }

            if (smallest is null || size < smallestSize)
            {
                smallest = volume;
                smallestSize = size;
            }
        }

        return smallest;
    }

    /// <summary>
    /// The binder's findBestMatchForClaim: volumes grouped by their set of access modes; the sets that hold
    /// every mode the claim asks for are tried smallest first, and the first match of a set wins.
    /// </summary>
    public static V1PersistentVolume? FindBestMatchForClaim(V1PersistentVolumeClaim claim, IEnumerable<V1PersistentVolume> volumes, bool delayBinding)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var requested = claim.Spec?.AccessModes ?? [];
        var groups = volumes
            .GroupBy(v => string.Join(",", (v.Spec?.AccessModes ?? []).Distinct().Order(StringComparer.Ordinal)), StringComparer.Ordinal)
            .Select(g => (Modes: g.Key.Length == 0 ? [] : g.Key.Split(','), Volumes: g.ToList()))
            .Where(g => requested.All(g.Modes.Contains))
            .OrderBy(g => g.Modes.Length)
            .ThenBy(g => string.Join(",", g.Modes), StringComparer.Ordinal);
        foreach (var (_, group) in groups)
        {
            if (FindMatchingVolume(claim, group, null, null, delayBinding) is { } match)
            {
                return match;
            }
        }

        return null;
    }
}
