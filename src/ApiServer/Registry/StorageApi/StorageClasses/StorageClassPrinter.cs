using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Registry.StorageApi.StorageClasses;

/// <summary>
/// storageclasses: NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE (upstream's
/// printStorageClass), the default class's name followed by " (default)".
/// </summary>
internal sealed class StorageClassPrinter() : ColumnPrinter(
    new PrinterColumn(CommonColumns.Name.Definition, (obj, _) => Name(obj)),
    Column.String("Provisioner", "Indicates the type of the provisioner.", obj => obj.String("provisioner")),
    Column.String("ReclaimPolicy", "Dynamically provisioned PersistentVolumes of this storage class are created with this reclaimPolicy.", obj => obj.StringOrNull("reclaimPolicy") ?? "Delete"),
    Column.String("VolumeBindingMode", "Indicates how PersistentVolumeClaims should be provisioned and bound.", obj => obj.StringOrNull("volumeBindingMode") ?? "Immediate"),
    Column.String("AllowVolumeExpansion", "Shows whether the storage class allow volume expand.", obj => obj.Bool("allowVolumeExpansion")),
    CommonColumns.Age)
{
    private static string Name(JsonObject storageClass) =>
        DefaultClassLookup.IsDefault(storageClass, Admission.DefaultStorageClass.DefaultStorageClass.DefaultAnnotation, Admission.DefaultStorageClass.DefaultStorageClass.BetaDefaultAnnotation)
            ? ObjectCells.Name(storageClass) + " (default)"
            : ObjectCells.Name(storageClass);
}
