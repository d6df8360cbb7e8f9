using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>
/// persistentvolumeclaims: NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS
/// VOLUMEATTRIBUTESCLASS AGE, wide VOLUMEMODE. Capacity and access modes show once bound.
/// </summary>
internal sealed class PersistentVolumeClaimPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Status", "string", "The phase of the claim: Pending, Bound or Lost."),
        new("Volume", "string", "The name of the persistent volume bound to this claim."),
        new("Capacity", "string", "The actual storage capacity of the bound volume."),
        new("Access Modes", "string", "The ways the bound volume can be mounted (RWO, ROX, RWX, RWOP)."),
        new("StorageClass", "string", "StorageClass of the pvc"),
        new("VolumeAttributesClass", "string", "VolumeAttributesClass of the pvc"),
        CommonColumns.Age,
        new("VolumeMode", "string", "Whether the claimed volume is a formatted filesystem or a raw block device.", Priority: 1),
    ];

    /// <summary>Phase and volume mode read as defaulting fills them when unset (Pending, Filesystem).</summary>
    public JsonArray Cells(JsonObject obj, DateTimeOffset now)
    {
        var spec = obj["spec"];
        var volume = spec.String("volumeName");
        var bound = volume.Length > 0;
        return new JsonArray(
            ObjectCells.Name(obj),
            ObjectCells.IsDeleting(obj) ? "Terminating" : obj.StringOrNull("status", "phase") ?? "Pending",
            volume,
            bound ? Storage.Quantity(obj.IntOrString("status", "capacity", "storage")) : "",
            bound ? Storage.AccessModes(obj.Strings("status", "accessModes")) : "",
            Storage.ClassOf(obj),
            spec.StringOrNull("volumeAttributesClassName") ?? "<unset>",
            ObjectCells.Age(obj, now),
            spec.StringOrNull("volumeMode") ?? "Filesystem");
    }
}
