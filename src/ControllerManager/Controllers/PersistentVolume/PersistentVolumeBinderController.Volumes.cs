namespace Orchestrator.ControllerManager.Controllers.PersistentVolume;

internal sealed partial class PersistentVolumeBinderController
{
    private async Task SyncVolumeAsync(V1PersistentVolume volume, CancellationToken ct)
    {
        var plan = VolumePlanner.Plan(volume, await ClaimOfAsync(volume, ct));
        if (plan.Unbind)
        {
            volume = await Context.Client.CoreV1.ReplacePersistentVolumeAsync(BindingChanges.Unbound(volume), volume.Metadata.Name, cancellationToken: ct);
            volume = await SetVolumePhaseAsync(volume, "Available", null, ct);
        }

        if (plan.Phase is { } phase)
        {
            var changed = volume.Status?.Phase != phase;
            volume = await SetVolumePhaseAsync(volume, phase, plan.Message, ct);
            if (changed && plan.PhaseEvent is { } e)
            {
                Context.Events.Record(volume, e.Type, e.Reason, e.Message);
            }
        }

        foreach (var (onClaim, e) in plan.Events)
        {
            if (!onClaim)
            {
                Context.Events.Record(volume, e.Type, e.Reason, e.Message);
            }
            else if (volume.Spec?.ClaimRef is { } reference
                && _claims.Cache.Get(new NamespacedName(reference.NamespaceProperty ?? string.Empty, reference.Name)) is { } claim)
            {
                Context.Events.Record(claim, e.Type, e.Reason, e.Message);
            }
        }

        if (plan.Claim is { } key)
        {
            Runner.Enqueue(key);
        }
    }

    /// <summary>
    /// The claim the volume's claimRef names. A claim missing from the cache, or there with another uid, is
    /// read from the API server before the volume is released (a provisioner or the scheduler may have
    /// bound it ahead of this cache), as upstream does; a Released or Failed volume is not re-read.
    /// </summary>
    private async Task<V1PersistentVolumeClaim?> ClaimOfAsync(V1PersistentVolume volume, CancellationToken ct)
    {
        var reference = volume.Spec?.ClaimRef;
        if (reference is null || string.IsNullOrEmpty(reference.Uid))
        {
            return null;
        }

        var ns = reference.NamespaceProperty ?? string.Empty;
        var cached = _claims.Cache.Get(new NamespacedName(ns, reference.Name));
        var recheck = cached is null ? volume.Status?.Phase is not ("Released" or "Failed") : cached.Metadata.Uid != reference.Uid;
        if (!recheck)
        {
            return cached;
        }

        try
        {
            return await Context.Client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync(reference.Name, ns, cancellationToken: ct);
        }
        catch (Exception e) when (ApiFailures.IsNotFound(e))
        {
            return null;
        }
    }

    /// <summary>updateVolumePhase: writes the phase (and message) only when the phase differs.</summary>
    private async Task<V1PersistentVolume> SetVolumePhaseAsync(V1PersistentVolume volume, string phase, string? message, CancellationToken ct)
    {
        if (volume.Status?.Phase == phase)
        {
            return volume;
        }

        var copy = ObjectCopy.Deep(volume);
        copy.Status ??= new V1PersistentVolumeStatus();
        copy.Status.Phase = phase;
        copy.Status.Message = message;
        var written = await Context.Client.CoreV1.ReplacePersistentVolumeStatusAsync(copy, volume.Metadata.Name, cancellationToken: ct);
        Log.VolumePhase(Logger, volume.Metadata.Name, phase);
        return written;
    }
}
