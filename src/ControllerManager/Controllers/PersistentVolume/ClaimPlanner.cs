namespace Orchestrator.ControllerManager.Controllers.PersistentVolume;

/// <summary>
/// Upstream's syncClaim (pv_controller.go) as a pure decision: a claim without pv.kubernetes.io/bind-completed
/// is matched to a volume (or the one it names), else left to a provisioner or the scheduler; a claim that
/// completed binding is kept Bound or marked Lost. No in-tree provisioner exists here: a class whose
/// provisioner starts with "kubernetes.io/" fails as upstream's does without the plugin.
/// </summary>
internal static class ClaimPlanner
{
    public const string WaitForFirstConsumerMessage = "waiting for first consumer to be created before binding";

    public const string NoClassMessage = "no persistent volumes available for this claim and no storage class is set";

    /// <param name="claim">The claim, as cached.</param>
    /// <param name="volumes">Every volume the binder knows.</param>
    /// <param name="classes">Every StorageClass.</param>
    /// <param name="unscheduledPods">Names of the non-terminated pods that use the claim and have no node yet.</param>
    public static ClaimPlan Plan(
        V1PersistentVolumeClaim claim, IReadOnlyCollection<V1PersistentVolume> volumes, IReadOnlyCollection<V1StorageClass> classes, IReadOnlyList<string> unscheduledPods)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(volumes);
        ArgumentNullException.ThrowIfNull(classes);
        return claim.Metadata.Annotations?.ContainsKey(StorageAnnotations.BindCompleted) == true
            ? PlanBound(claim, volumes)
            : string.IsNullOrEmpty(claim.Spec?.VolumeName)
                ? PlanUnbound(claim, volumes, classes, unscheduledPods ?? [])
                : PlanRequested(claim, volumes);
    }

    private static ClaimPlan PlanUnbound(
        V1PersistentVolumeClaim claim, IReadOnlyCollection<V1PersistentVolume> volumes, IReadOnlyCollection<V1StorageClass> classes, IReadOnlyList<string> unscheduledPods)
    {
        var className = VolumeMatching.ClaimClass(claim);
        var storageClass = classes.FirstOrDefault(c => c.Metadata.Name == className);
        var delayBinding = className.Length > 0 && StorageClasses.IsDelayBinding(storageClass);
        if (VolumeMatching.FindBestMatchForClaim(claim, volumes, delayBinding) is { } volume)
        {
            return new ClaimPlan { Bind = volume };
        }

        // Upstream's retroactive default class: a claim that never named a class gets today's default.
        if (!VolumeMatching.ClaimHasClass(claim) && StorageClasses.Default(classes) is { } defaultClass)
        {
            return new ClaimPlan { AssignClass = defaultClass.Metadata.Name };
        }

        if (delayBinding && claim.Metadata.Annotations?.ContainsKey(StorageAnnotations.SelectedNode) != true)
        {
            var waiting = unscheduledPods.Count switch
            {
                0 => BinderEvent.Normal("WaitForFirstConsumer", WaitForFirstConsumerMessage),
                1 => BinderEvent.Normal("WaitForPodScheduled", $"waiting for pod {unscheduledPods[0]} to be scheduled"),
                _ => BinderEvent.Normal("WaitForPodScheduled", $"waiting for pods {string.Join(",", unscheduledPods)} to be scheduled"),
            };
            return new ClaimPlan { Phase = "Pending", Event = waiting };
        }

        if (className.Length > 0)
        {
            return Provision(claim, className, storageClass);
        }

        return new ClaimPlan { Phase = "Pending", Event = BinderEvent.Normal("FailedBinding", NoClassMessage) };
    }

    /// <summary>upstream's provisionClaim with only external provisioners: annotate the claim and say who should act.</summary>
    private static ClaimPlan Provision(V1PersistentVolumeClaim claim, string className, V1StorageClass? storageClass)
    {
        if (storageClass is null)
        {
            return new ClaimPlan { Event = BinderEvent.Warning("ProvisioningFailed", $"storageclass.storage.k8s.io \"{className}\" not found") };
        }

        var provisioner = storageClass.Provisioner ?? string.Empty;
        if (provisioner.StartsWith("kubernetes.io/", StringComparison.Ordinal))
        {
            return new ClaimPlan { Event = BinderEvent.Warning("ProvisioningFailed", $"no volume plugin matched name: {provisioner}") };
        }

        var annotations = claim.Metadata.Annotations;
        var marked = annotations?.TryGetValue(StorageAnnotations.StorageProvisioner, out var current) == true && current == provisioner;
        return new ClaimPlan
        {
            Provisioner = marked ? null : provisioner,
            Event = BinderEvent.Normal(
                "ExternalProvisioning",
                $"Waiting for a volume to be created either by the external provisioner '{provisioner}' or manually by the system administrator. "
                + "If volume creation is delayed, please verify that the provisioner is running and correctly registered."),
        };
    }

    /// <summary>The user asked for one volume by spec.volumeName.</summary>
    private static ClaimPlan PlanRequested(V1PersistentVolumeClaim claim, IReadOnlyCollection<V1PersistentVolume> volumes)
    {
        var name = claim.Spec.VolumeName;
        var volume = volumes.FirstOrDefault(v => v.Metadata.Name == name);
        if (volume is null)
        {
            return new ClaimPlan { Phase = "Pending" };
        }

        if (volume.Spec?.ClaimRef is null)
        {
            return VolumeMismatch(volume, claim) is { } mismatch
                ? new ClaimPlan { Phase = "Pending", Event = BinderEvent.Warning("VolumeMismatch", $"Cannot bind to requested volume \"{name}\": {mismatch}") }
                : new ClaimPlan { Bind = volume };
        }

        if (VolumeMatching.IsVolumeBoundToClaim(volume, claim))
        {
            return new ClaimPlan { Bind = volume };
        }

        var taken = BinderEvent.Warning("FailedBinding", $"volume \"{name}\" already bound to a different claim.");
        if (claim.Metadata.Annotations?.ContainsKey(StorageAnnotations.BoundByController) != true)
        {
            return new ClaimPlan { Phase = "Pending", Event = taken };
        }

        var reference = volume.Spec.ClaimRef;
        return new ClaimPlan
        {
            Event = taken,
            Error = $"invalid binding of claim \"{claim.Metadata.NamespaceProperty}/{claim.Metadata.Name}\" to volume \"{name}\": volume already claimed by \"{reference.NamespaceProperty}/{reference.Name}\"",
        };
    }

    private static ClaimPlan PlanBound(V1PersistentVolumeClaim claim, IReadOnlyCollection<V1PersistentVolume> volumes)
    {
        if (string.IsNullOrEmpty(claim.Spec?.VolumeName))
        {
            return Lost("ClaimLost", "Bound claim has lost reference to PersistentVolume. Data on the volume is lost!");
        }

        var volume = volumes.FirstOrDefault(v => v.Metadata.Name == claim.Spec.VolumeName);
        if (volume is null)
        {
            return Lost("ClaimLost", "Bound claim has lost its PersistentVolume. Data on the volume is lost!");
        }

        return volume.Spec?.ClaimRef is null || volume.Spec.ClaimRef.Uid == claim.Metadata.Uid
            ? new ClaimPlan { Bind = volume }
            : Lost("ClaimMisbound", "Two claims are bound to the same volume, this one is bound incorrectly");
    }

    private static ClaimPlan Lost(string reason, string message) =>
        new() { Phase = "Lost", Event = BinderEvent.Warning(reason, message), EventOnPhaseChange = true };

    /// <summary>Upstream's checkVolumeSatisfyClaim: why the requested volume cannot serve the claim, or null.</summary>
    public static string? VolumeMismatch(V1PersistentVolume volume, V1PersistentVolumeClaim claim)
    {
        if (volume.Metadata.DeletionTimestamp is not null)
        {
            return $"the volume is marked for deletion \"{volume.Metadata.Name}\"";
        }

        if (VolumeMatching.Storage(volume.Spec?.Capacity) < VolumeMatching.Storage(claim.Spec?.Resources?.Requests))
        {
            return "requested PV is too small";
        }

        if (VolumeMatching.VolumeClass(volume) != VolumeMatching.ClaimClass(claim))
        {
            return "storageClassName does not match";
        }

        if (VolumeMatching.VolumeModeMismatch(claim, volume))
        {
            return "incompatible volumeMode";
        }

        return VolumeMatching.CheckAccessModes(claim, volume) ? null : "incompatible accessMode";
    }
}
