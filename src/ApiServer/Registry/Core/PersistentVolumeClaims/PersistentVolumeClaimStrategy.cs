namespace Orchestrator.ApiServer.Registry.Core.PersistentVolumeClaims;

/// <summary>PersistentVolumeClaims: volume mode default; a new claim starts Pending.</summary>
internal sealed class PersistentVolumeClaimStrategy() : ResourceStrategy(new PersistentVolumeClaimPrinter())
{
    public override void Default(JsonObject obj, bool create) => CoreDefaults.PersistentVolumeClaim(obj);

    public override void ResetStatusOnCreate(JsonObject obj, bool hasStatusSubresource) => StartInPhase(obj, "Pending");
}
