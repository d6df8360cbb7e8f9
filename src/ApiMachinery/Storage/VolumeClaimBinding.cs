using Orchestrator.ApiMachinery.Objects;

namespace Orchestrator.ApiMachinery.Storage;

/// <summary>The first half of a binding, written by the binder and the scheduler alike (upstream's GetBindVolumeToClaim).</summary>
public static class VolumeClaimBinding
{
    /// <summary>
    /// A copy of the volume whose claimRef names the claim, uid included, marked bound-by-controller unless the user
    /// had pre-bound it to that claim; null when the volume already says all of that. The volume is not changed.
    /// </summary>
    public static V1PersistentVolume? BindVolumeToClaim(V1PersistentVolume volume, V1PersistentVolumeClaim claim)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(claim);
        var reference = volume.Spec?.ClaimRef;
        var pointsAtClaim = reference is not null
            && reference.Name == claim.Metadata.Name
            && reference.NamespaceProperty == claim.Metadata.NamespaceProperty
            && reference.Uid == claim.Metadata.Uid;
        var annotate = !VolumeMatching.IsVolumeBoundToClaim(volume, claim)
            && volume.Metadata.Annotations?.ContainsKey(StorageAnnotations.BoundByController) != true;
        if (pointsAtClaim && !annotate)
        {
            return null;
        }

        var copy = ObjectCopy.Deep(volume);
        if (!pointsAtClaim)
        {
            copy.Spec.ClaimRef = new V1ObjectReference
            {
                Kind = "PersistentVolumeClaim",
                ApiVersion = "v1",
                NamespaceProperty = claim.Metadata.NamespaceProperty,
                Name = claim.Metadata.Name,
                Uid = claim.Metadata.Uid,
                ResourceVersion = claim.Metadata.ResourceVersion,
            };
        }

        if (annotate)
        {
            copy.Metadata.Annotations ??= new Dictionary<string, string>();
            copy.Metadata.Annotations[StorageAnnotations.BoundByController] = "yes";
        }

        return copy;
    }
}
