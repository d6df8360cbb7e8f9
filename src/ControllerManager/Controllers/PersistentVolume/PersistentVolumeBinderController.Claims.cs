namespace Orchestrator.ControllerManager.Controllers.PersistentVolume;

internal sealed partial class PersistentVolumeBinderController
{
    private async Task SyncClaimAsync(V1PersistentVolumeClaim claim, CancellationToken ct)
    {
        var plan = ClaimPlanner.Plan(claim, _volumes.Cache.List(), _classes.Cache.List(), UnscheduledPods(claim));
        var ns = claim.Metadata.NamespaceProperty;
        var name = claim.Metadata.Name;
        if (plan.AssignClass is { } className)
        {
            var copy = ObjectCopy.Deep(claim);
            copy.Spec.StorageClassName = className;
            await Context.Client.CoreV1.ReplaceNamespacedPersistentVolumeClaimAsync(copy, name, ns, cancellationToken: ct);
            Log.DefaultClass(Logger, ns, name, className);
            return;
        }

        if (plan.Bind is { } volume)
        {
            claim = await BindAsync(volume, claim, ct);
        }

        if (plan.Provisioner is { } provisioner)
        {
            var copy = ObjectCopy.Deep(claim);
            copy.Metadata.Annotations ??= new Dictionary<string, string>();
            copy.Metadata.Annotations[StorageAnnotations.BetaStorageProvisioner] = provisioner;
            copy.Metadata.Annotations[StorageAnnotations.StorageProvisioner] = provisioner;
            claim = await Context.Client.CoreV1.ReplaceNamespacedPersistentVolumeClaimAsync(copy, name, ns, cancellationToken: ct);
        }

        var phaseChanged = false;
        if (plan.Phase is { } phase && BindingChanges.ClaimStatus(claim, phase, null) is { } status)
        {
            phaseChanged = claim.Status?.Phase != phase;
            claim = await Context.Client.CoreV1.ReplaceNamespacedPersistentVolumeClaimStatusAsync(status, name, ns, cancellationToken: ct);
            if (phaseChanged)
            {
                Log.ClaimPhase(Logger, ns, name, phase);
            }
        }

        if (plan.Event is { } e && (!plan.EventOnPhaseChange || phaseChanged))
        {
            Context.Events.Record(claim, e.Type, e.Reason, e.Message);
        }

        if (plan.Error is { } error)
        {
            throw new InvalidOperationException(error);
        }
    }

    /// <summary>Upstream's bind(): the volume's claimRef, the volume's phase, the claim's volumeName, the claim's status; each only when it differs.</summary>
    private async Task<V1PersistentVolumeClaim> BindAsync(V1PersistentVolume volume, V1PersistentVolumeClaim claim, CancellationToken ct)
    {
        var core = Context.Client.CoreV1;
        if (BindingChanges.VolumeToClaim(volume, claim) is { } bound)
        {
            volume = await core.ReplacePersistentVolumeAsync(bound, volume.Metadata.Name, cancellationToken: ct);
        }

        volume = await SetVolumePhaseAsync(volume, "Bound", null, ct);
        var ns = claim.Metadata.NamespaceProperty;
        if (BindingChanges.ClaimToVolume(claim, volume) is { } pointing)
        {
            claim = await core.ReplaceNamespacedPersistentVolumeClaimAsync(pointing, claim.Metadata.Name, ns, cancellationToken: ct);
            Log.Bound(Logger, ns, claim.Metadata.Name, volume.Metadata.Name);
        }

        if (BindingChanges.ClaimStatus(claim, "Bound", volume) is { } status)
        {
            claim = await core.ReplaceNamespacedPersistentVolumeClaimStatusAsync(status, claim.Metadata.Name, ns, cancellationToken: ct);
        }

        return claim;
    }
}
