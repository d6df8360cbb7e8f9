namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>Columns and cell formats shared by the volume and claim printers.</summary>
internal static class Storage
{
    private const string BetaClassAnnotation = "volume.beta.kubernetes.io/storage-class";

    private static readonly (string Mode, string Short)[] Modes =
        [("ReadWriteOnce", "RWO"), ("ReadOnlyMany", "ROX"), ("ReadWriteMany", "RWX"), ("ReadWriteOncePod", "RWOP")];

    /// <summary>STATUS: Terminating while deleted, else the phase; Pending when unset, as defaulting makes it.</summary>
    public static PrinterColumn Phase(string description) => Column.String(
        "Status", description, obj => ObjectCells.IsDeleting(obj) ? "Terminating" : obj.StringOrNull("status", "phase") ?? "Pending");

    /// <summary>STORAGECLASS: the beta storage-class annotation when present, else spec.storageClassName.</summary>
    public static PrinterColumn Class(string description) => Column.String(
        "StorageClass", description, obj => obj.StringOrNull("metadata", "annotations", BetaClassAnnotation) ?? obj.String("spec", "storageClassName"));

    public static PrinterColumn AttributesClass(string description) => Column.String(
        "VolumeAttributesClass", description, obj => obj.StringOrNull("spec", "volumeAttributesClassName") ?? "<unset>");

    /// <summary>The wide VOLUMEMODE; Filesystem when unset, as defaulting makes it.</summary>
    public static PrinterColumn VolumeMode(string description) => Column.String(
        "VolumeMode", description, obj => obj.StringOrNull("spec", "volumeMode") ?? "Filesystem").Wide();

    /// <summary>"RWO,RWX": each mode once, in upstream's fixed order.</summary>
    public static string AccessModes(IReadOnlyList<string> modes) =>
        string.Join(",", Modes.Where(m => modes.Contains(m.Mode)).Select(m => m.Short));

    /// <summary>A quantity as stored; "0" when absent, as upstream prints a missing quantity.</summary>
    public static string Quantity(string? quantity) => string.IsNullOrEmpty(quantity) ? "0" : quantity;
}
