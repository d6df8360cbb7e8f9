using Orchestrator.Kubelet.DownwardApi;

namespace Orchestrator.Kubelet.Volumes;

/// <summary>
/// Upstream's downward API volume CollectData: one file per item, the pod metadata field
/// (name, namespace, uid, labels, annotations, one label or annotation) or a container's resource
/// value; every failing item reported together.
/// </summary>
internal static class DownwardApiPayload
{
    public static Dictionary<string, FileProjection> Make(IList<V1DownwardAPIVolumeFile>? items, V1Pod pod, int? defaultMode, IDictionary<string, ResourceQuantity>? nodeAllocatable)
    {
        var payload = new Dictionary<string, FileProjection>(StringComparer.Ordinal);
        var errors = new ErrorList();
        foreach (var item in items ?? [])
        {
            var mode = item.Mode ?? defaultMode ?? Payloads.DefaultMode;
            try
            {
                var value = item switch
                {
                    { FieldRef: { } field } => FieldPath.Extract(pod, field.FieldPath),
                    { ResourceFieldRef: { } resource } => ResourceFieldValue.Extract(resource, pod, null, nodeAllocatable),
                    _ => throw new DownwardApiException($"downwardAPI item {item.Path} names neither a fieldRef nor a resourceFieldRef"),
                };
                payload[item.Path] = new FileProjection(Encoding.UTF8.GetBytes(value), mode);
            }
            catch (DownwardApiException e)
            {
                errors.Add(e.Message);
            }
        }

        errors.ThrowIfAny();
        return payload;
    }
}
