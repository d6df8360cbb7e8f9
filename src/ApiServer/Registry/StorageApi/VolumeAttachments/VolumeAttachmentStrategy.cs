using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Registry.StorageApi.VolumeAttachments;

/// <summary>
/// storage.k8s.io/v1 VolumeAttachments (upstream pkg/registry/storage/volumeattachment/strategy.go and
/// ValidateVolumeAttachment): cluster scoped, status through /status; the attacher is a CSI driver name,
/// the source exactly one of a persistent volume name or an inline volume spec, the node a valid name;
/// the spec never changes after create.
/// </summary>
internal sealed class VolumeAttachmentStrategy() : ResourceStrategy(new VolumeAttachmentPrinter())
{
    public override void Validate(JsonObject obj, List<StatusCause> causes)
    {
        CsiDriverNames.Validate(obj.String("spec", "attacher"), "spec.attacher", causes);
        var source = obj.At("spec", "source") as JsonObject;
        var pvName = source.StringOrNull("persistentVolumeName");
        var inline = source?["inlineVolumeSpec"] is JsonObject;
        if ((pvName is not null) == inline)
        {
            causes.Add(FieldErrors.Required("spec.source", "must specify exactly one of inlineVolumeSpec and persistentVolumeName"));
        }
        else if (pvName is { Length: 0 })
        {
            causes.Add(FieldErrors.Required("spec.source.persistentVolumeName", "must specify non empty persistentVolumeName"));
        }

        var node = obj.String("spec", "nodeName");
        FieldErrors.AddInvalid(causes, "spec.nodeName", node, NameValidation.Dns1123Subdomain(node));
    }

    public override void ValidateUpdate(JsonObject current, JsonObject updated, List<StatusCause> causes)
    {
        if (!JsonNode.DeepEquals(current["spec"], updated["spec"]))
        {
            causes.Add(FieldErrors.Invalid("spec", updated["spec"]?.ToJsonString() ?? "null", "field is immutable"));
        }
    }
}
