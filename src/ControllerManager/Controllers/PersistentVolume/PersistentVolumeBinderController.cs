namespace Orchestrator.ControllerManager.Controllers.PersistentVolume;

/// <summary>
/// Upstream's persistentvolume-binder: binds claims to volumes and keeps both phases true. Keys of volumes
/// have no namespace, keys of claims do; one worker, since a claim sync must not race another over the same
/// volume (upstream's rule; conflicting writes would still fail on resourceVersion). Where upstream waits for
/// its 15 s resync, a new or newly Available volume and a class change enqueue every claim not yet bound.
/// Decisions are <see cref="ClaimPlanner"/> and <see cref="VolumePlanner"/>; this class applies them.
/// </summary>
internal sealed partial class PersistentVolumeBinderController : ReconcilingController
{
    public const string ControllerName = "persistentvolume-binder";

    private readonly IInformer<V1PersistentVolume> _volumes;
    private readonly IInformer<V1PersistentVolumeClaim> _claims;
    private readonly IInformer<V1StorageClass> _classes;
    private readonly IInformer<V1Pod> _pods;

    public PersistentVolumeBinderController(ControllerContext context)
        : base(context, ControllerName, workers: 1)
    {
        _volumes = Runner.Watch(context.Informers.PersistentVolumes(), new ResourceEventHandler<V1PersistentVolume>(
            onAdd: volume =>
            {
                Runner.Enqueue(volume);
                EnqueueClaimOf(volume);
                EnqueueUnboundClaims();
            },
            onUpdate: (before, after) =>
            {
                Runner.Enqueue(after);
                EnqueueClaimOf(after);
                if (after.Status?.Phase == "Available" && before.Status?.Phase != "Available")
                {
                    EnqueueUnboundClaims();
                }
            },
            onDelete: EnqueueClaimOf));
        _claims = Runner.Watch(context.Informers.PersistentVolumeClaims(), new ResourceEventHandler<V1PersistentVolumeClaim>(
            onAdd: claim => Runner.Enqueue(claim),
            onUpdate: (_, claim) => Runner.Enqueue(claim),
            onDelete: claim =>
            {
                // The volume it held is released now.
                if (!string.IsNullOrEmpty(claim.Spec?.VolumeName))
                {
                    Runner.Enqueue(new NamespacedName(string.Empty, claim.Spec.VolumeName));
                }
            }));
        _classes = Runner.Watch(context.Informers.StorageClasses(), ResourceEventHandler<V1StorageClass>.ForEach(_ => EnqueueUnboundClaims()));
        _pods = Runner.WaitFor(context.Informers.Pods());
    }

    public override async Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(key.Namespace))
        {
            if (_volumes.Cache.Get(key) is { } volume)
            {
                await SyncVolumeAsync(volume, ct);
            }
        }
        else if (_claims.Cache.Get(key) is { } claim)
        {
            await SyncClaimAsync(claim, ct);
        }

        return ReconcileResult.Done;
    }

    private void EnqueueClaimOf(V1PersistentVolume volume)
    {
        if (volume.Spec?.ClaimRef is { Name: { Length: > 0 } name } reference)
        {
            Runner.Enqueue(new NamespacedName(reference.NamespaceProperty ?? string.Empty, name));
        }
    }

    private void EnqueueUnboundClaims()
    {
        foreach (var claim in _claims.Cache.List())
        {
            if (claim.Metadata.Annotations?.ContainsKey(StorageAnnotations.BindCompleted) != true)
            {
                Runner.Enqueue(claim);
            }
        }
    }

    /// <summary>The non-terminated pods of the claim's namespace that use it and have no node yet.</summary>
    private List<string> UnscheduledPods(V1PersistentVolumeClaim claim) =>
        [.. _pods.Cache.ListNamespace(claim.Metadata.NamespaceProperty)
            .Where(p => string.IsNullOrEmpty(p.Spec?.NodeName) && !PodState.IsTerminal(p)
                && p.Spec?.Volumes?.Any(v => v.PersistentVolumeClaim?.ClaimName == claim.Metadata.Name) == true)
            .Select(p => p.Metadata.Name)
            .Order(StringComparer.Ordinal)];

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Claim {Namespace}/{Name} bound to volume {Volume}")]
        public static partial void Bound(ILogger logger, string @namespace, string name, string volume);

        [LoggerMessage(Level = LogLevel.Information, Message = "Claim {Namespace}/{Name} entered phase {Phase}")]
        public static partial void ClaimPhase(ILogger logger, string @namespace, string name, string phase);

        [LoggerMessage(Level = LogLevel.Information, Message = "Volume {Volume} entered phase {Phase}")]
        public static partial void VolumePhase(ILogger logger, string volume, string phase);

        [LoggerMessage(Level = LogLevel.Information, Message = "Claim {Namespace}/{Name} given the default StorageClass {Class}")]
        public static partial void DefaultClass(ILogger logger, string @namespace, string name, string @class);
    }
}
