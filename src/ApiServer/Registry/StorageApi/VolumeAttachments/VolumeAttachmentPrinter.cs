using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Registry.StorageApi.VolumeAttachments;

/// <summary>volumeattachments: NAME ATTACHER PV NODE ATTACHED AGE (upstream's printVolumeAttachment).</summary>
internal sealed class VolumeAttachmentPrinter() : ColumnPrinter(
    CommonColumns.Name,
    Column.String("Attacher", "Attacher indicates the name of the volume driver that MUST handle this request.", obj => obj.String("spec", "attacher")),
    Column.String("PV", "Name of the persistent volume to attach.", obj => obj.String("spec", "source", "persistentVolumeName")),
    Column.String("Node", "The node that the volume should be attached to.", obj => obj.String("spec", "nodeName")),
    Column.Boolean("Attached", "Indicates the volume is successfully attached.", obj => obj.Bool("status", "attached")),
    CommonColumns.Age);
