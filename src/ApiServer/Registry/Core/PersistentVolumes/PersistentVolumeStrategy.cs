namespace Orchestrator.ApiServer.Registry.Core.PersistentVolumes;

/// <summary>PersistentVolumes: reclaim policy and volume mode defaults; a new volume starts Pending.</summary>
internal sealed class PersistentVolumeStrategy() : ResourceStrategy(new PersistentVolumePrinter())
{
    public override void Default(JsonObject obj, bool create) => CoreDefaults.PersistentVolume(obj);

    public override void ResetStatusOnCreate(JsonObject obj, bool hasStatusSubresource) => StartInPhase(obj, "Pending");
}
