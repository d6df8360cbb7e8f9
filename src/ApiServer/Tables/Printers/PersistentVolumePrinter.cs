namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>
/// persistentvolumes: NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS
/// VOLUMEATTRIBUTESCLASS REASON AGE, wide VOLUMEMODE. The reclaim policy reads Retain when
/// unset, as defaulting makes it.
/// </summary>
internal sealed class PersistentVolumePrinter() : ColumnPrinter(
    CommonColumns.Name,
    Column.String("Capacity", "The storage capacity of the volume.", obj => Storage.Quantity(obj.IntOrString("spec", "capacity", "storage"))),
    Column.String("Access Modes", "The ways the volume can be mounted (RWO, ROX, RWX, RWOP).", obj => Storage.AccessModes(obj.Strings("spec", "accessModes"))),
    Column.String(
        "Reclaim Policy",
        "What happens to the volume when released from its claim: Retain, Delete or Recycle.",
        obj => obj.StringOrNull("spec", "persistentVolumeReclaimPolicy") ?? "Retain"),
    Storage.Phase("The phase of the volume: Pending, Available, Bound, Released or Failed."),
    Column.String("Claim", "The namespace/name of the claim bound to this volume.", obj => Claim(obj)),
    Storage.Class("StorageClass of the pv"),
    Storage.AttributesClass("VolumeAttributesClass of the pv"),
    Column.String("Reason", "A brief CamelCase string describing any failure.", obj => obj.String("status", "reason")),
    CommonColumns.Age,
    Storage.VolumeMode("Whether the volume is used as a formatted filesystem or a raw block device."))
{
    private static string Claim(JsonObject volume) =>
        volume.At("spec", "claimRef") is JsonObject claimRef ? $"{claimRef.String("namespace")}/{claimRef.String("name")}" : "";
}
