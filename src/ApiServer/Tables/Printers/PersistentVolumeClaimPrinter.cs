namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>
/// persistentvolumeclaims: NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS
/// VOLUMEATTRIBUTESCLASS AGE, wide VOLUMEMODE. Capacity and access modes show once bound.
/// </summary>
internal sealed class PersistentVolumeClaimPrinter() : ColumnPrinter(
    CommonColumns.Name,
    Storage.Phase("The phase of the claim: Pending, Bound or Lost."),
    Column.String("Volume", "The name of the persistent volume bound to this claim.", obj => obj.String("spec", "volumeName")),
    Column.String(
        "Capacity",
        "The actual storage capacity of the bound volume.",
        obj => IsBound(obj) ? Storage.Quantity(obj.IntOrString("status", "capacity", "storage")) : ""),
    Column.String(
        "Access Modes",
        "The ways the bound volume can be mounted (RWO, ROX, RWX, RWOP).",
        obj => IsBound(obj) ? Storage.AccessModes(obj.Strings("status", "accessModes")) : ""),
    Storage.Class("StorageClass of the pvc"),
    Storage.AttributesClass("VolumeAttributesClass of the pvc"),
    CommonColumns.Age,
    Storage.VolumeMode("Whether the claimed volume is a formatted filesystem or a raw block device."))
{
    private static bool IsBound(JsonObject claim) => claim.String("spec", "volumeName").Length > 0;
}
