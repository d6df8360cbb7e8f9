using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>
/// persistentvolumes: NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS
/// VOLUMEATTRIBUTESCLASS REASON AGE, wide VOLUMEMODE.
/// </summary>
internal sealed class PersistentVolumePrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Capacity", "string", "The storage capacity of the volume."),
        new("Access Modes", "string", "The ways the volume can be mounted (RWO, ROX, RWX, RWOP)."),
        new("Reclaim Policy", "string", "What happens to the volume when released from its claim: Retain, Delete or Recycle."),
        new("Status", "string", "The phase of the volume: Pending, Available, Bound, Released or Failed."),
        new("Claim", "string", "The namespace/name of the claim bound to this volume."),
        new("StorageClass", "string", "StorageClass of the pv"),
        new("VolumeAttributesClass", "string", "VolumeAttributesClass of the pv"),
        new("Reason", "string", "A brief CamelCase string describing any failure."),
        CommonColumns.Age,
        new("VolumeMode", "string", "Whether the volume is used as a formatted filesystem or a raw block device.", Priority: 1),
    ];

    /// <summary>Reclaim policy, phase and volume mode read as defaulting fills them when unset (Retain, Pending, Filesystem).</summary>
    public JsonArray Cells(JsonObject obj, DateTimeOffset now)
    {
        var spec = obj["spec"];
        var claim = spec.At("claimRef") is JsonObject claimRef ? $"{claimRef.String("namespace")}/{claimRef.String("name")}" : "";
        return new JsonArray(
            ObjectCells.Name(obj),
            Storage.Quantity(spec.IntOrString("capacity", "storage")),
            Storage.AccessModes(spec.Strings("accessModes")),
            spec.StringOrNull("persistentVolumeReclaimPolicy") ?? "Retain",
            ObjectCells.IsDeleting(obj) ? "Terminating" : obj.StringOrNull("status", "phase") ?? "Pending",
            claim,
            Storage.ClassOf(obj),
            spec.StringOrNull("volumeAttributesClassName") ?? "<unset>",
            obj.String("status", "reason"),
            ObjectCells.Age(obj, now),
            spec.StringOrNull("volumeMode") ?? "Filesystem");
    }
}
