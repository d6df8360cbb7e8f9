using Orchestrator.ControllerManager.Controllers.PvcProtection;

namespace Orchestrator.ControllerManager.Controllers.PvProtection;

/// <summary>Upstream's pv-protection controller: keys are volumes; <see cref="PvProtectionPlanner"/> decides, this applies.</summary>
internal sealed partial class PvProtectionController : ReconcilingController
{
    public const string ControllerName = "pv-protection";

    private readonly IInformer<V1PersistentVolume> _volumes;

    public PvProtectionController(ControllerContext context)
        : base(context, ControllerName)
    {
        _volumes = Runner.Watch(context.Informers.PersistentVolumes());
    }

    public override async Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken ct)
    {
        var volume = _volumes.Cache.Get(key);
        var change = volume is null ? FinalizerChange.None : PvProtectionPlanner.Plan(volume);
        if (volume is null || change == FinalizerChange.None)
        {
            return ReconcileResult.Done;
        }

        var copy = ObjectCopy.Deep(volume);
        copy.Metadata.Finalizers = FinalizerLists.Apply(copy.Metadata.Finalizers, change, StorageAnnotations.PvProtectionFinalizer);
        await Context.Client.CoreV1.ReplacePersistentVolumeAsync(copy, key.Name, cancellationToken: ct);
        Log.Changed(Logger, change, key.Name);
        return ReconcileResult.Done;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "{Change} finalizer kubernetes.io/pv-protection on volume {Name}")]
        public static partial void Changed(ILogger logger, FinalizerChange change, string name);
    }
}
