namespace Orchestrator.ControllerManager.Controllers.PvcProtection;

/// <summary>
/// Upstream's pvc-protection controller: keys are claims; a pod change enqueues the claims it refers to. Before
/// removing the finalizer the pods are listed from the API server too, as upstream does, so a pod this
/// cache has not seen yet still protects its claim.
/// </summary>
internal sealed partial class PvcProtectionController : ReconcilingController
{
    public const string ControllerName = "pvc-protection";

    private readonly IInformer<V1PersistentVolumeClaim> _claims;
    private readonly IInformer<V1Pod> _pods;

    public PvcProtectionController(ControllerContext context)
        : base(context, ControllerName)
    {
        _claims = Runner.Watch(context.Informers.PersistentVolumeClaims());
        _pods = Runner.Watch(context.Informers.Pods(), ResourceEventHandler<V1Pod>.ForEach(EnqueueClaimsOf));
    }

    public override async Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken ct)
    {
        if (_claims.Cache.Get(key) is not { } claim)
        {
            return ReconcileResult.Done;
        }

        var change = PvcProtectionPlanner.Plan(claim, _pods.Cache.ListNamespace(key.Namespace));
        if (change == FinalizerChange.Remove)
        {
            var live = await Context.Client.CoreV1.ListNamespacedPodAsync(key.Namespace, cancellationToken: ct);
            change = PvcProtectionPlanner.Plan(claim, live.Items);
        }

        if (change == FinalizerChange.None)
        {
            return ReconcileResult.Done;
        }

        var copy = ObjectCopy.Deep(claim);
        copy.Metadata.Finalizers = FinalizerLists.Apply(copy.Metadata.Finalizers, change, StorageAnnotations.PvcProtectionFinalizer);
        await Context.Client.CoreV1.ReplaceNamespacedPersistentVolumeClaimAsync(copy, key.Name, key.Namespace, cancellationToken: ct);
        Log.Changed(Logger, change, key.Namespace, key.Name);
        return ReconcileResult.Done;
    }

    private void EnqueueClaimsOf(V1Pod pod)
    {
        foreach (var volume in pod.Spec?.Volumes ?? [])
        {
            foreach (var name in PvcProtectionPlanner.ClaimNames(pod, volume))
            {
                Runner.Enqueue(new NamespacedName(pod.Metadata.NamespaceProperty ?? string.Empty, name));
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "{Change} finalizer kubernetes.io/pvc-protection on claim {Namespace}/{Name}")]
        public static partial void Changed(ILogger logger, FinalizerChange change, string @namespace, string name);
    }
}
