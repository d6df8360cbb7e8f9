using System.Text;

namespace Orchestrator.ControllerManager.Controllers.Workloads;

/// <summary>
/// ControllerRevision history shared by DaemonSets and StatefulSets (upstream pkg/controller/history):
/// a revision stores the pod template as the patch <c>{"spec":{"template":{…,"$patch":"replace"}}}</c>,
/// is named <c>&lt;owner&gt;-&lt;hash&gt;</c> and carries the <c>controller-revision-hash</c> label.
/// </summary>
internal static class Revisions
{
    public const string HashLabel = "controller-revision-hash";

    /// <summary>
    /// The revision hash of a template: the same hash Deployments name their ReplicaSets with
    /// (upstream's controller.ComputeHash serves all three workload kinds).
    /// </summary>
    public static string Hash(V1PodTemplateSpec template, int? collisionCount) => Deployment.PodTemplateHash.Compute(template, collisionCount);

    public static string Name(string owner, string hash) => (owner.Length > 223 ? owner[..223] : owner) + "-" + hash;

    /// <summary>The revision payload for a template.</summary>
    public static JsonObject Data(V1PodTemplateSpec template)
    {
        var node = JsonNode.Parse(KubernetesJson.Serialize(template))!.AsObject();
        node["$patch"] = "replace";
        return new JsonObject { ["spec"] = new JsonObject { ["template"] = node } };
    }

    /// <summary>Whether a stored revision holds exactly this payload.</summary>
    public static bool SameData(V1ControllerRevision revision, JsonObject data) =>
        revision.Data is not null && Canonical(JsonNode.Parse(KubernetesJson.Serialize(revision.Data))) == Canonical(data);

    /// <summary>The pod template a revision records, or null when it records none.</summary>
    public static V1PodTemplateSpec? Template(V1ControllerRevision revision)
    {
        if (revision.Data is null || JsonNode.Parse(KubernetesJson.Serialize(revision.Data))?["spec"]?["template"] is not JsonObject template)
        {
            return null;
        }

        template.Remove("$patch");
        return KubernetesJson.Deserialize<V1PodTemplateSpec>(template.ToJsonString());
    }

    public static V1ControllerRevision New(
        IKubernetesObject<V1ObjectMeta> owner, string apiVersion, string kind, V1PodTemplateSpec template, string hash, long revision) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "ControllerRevision",
        Metadata = new V1ObjectMeta
        {
            Name = Name(owner.Metadata.Name, hash),
            NamespaceProperty = owner.Metadata.NamespaceProperty,
            Labels = new Dictionary<string, string>(template.Metadata?.Labels ?? new Dictionary<string, string>()) { [HashLabel] = hash },
            OwnerReferences = [OwnerReferences.NewControllerRef(owner.Metadata, apiVersion, kind)],
        },
        Data = Data(template),
        Revision = revision,
    };

    /// <summary>JSON with object keys sorted, so equal objects have equal text.</summary>
    private static string Canonical(JsonNode? node)
    {
        var buffer = new StringBuilder();
        Write(node, buffer);
        return buffer.ToString();
    }

    private static void Write(JsonNode? node, StringBuilder buffer)
    {
        switch (node)
        {
            case JsonObject o:
                buffer.Append('{');
                var first = true;
                foreach (var (key, value) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (value is null)
                    {
                        continue;
                    }

                    if (!first)
                    {
                        buffer.Append(',');
                    }

                    first = false;
                    buffer.Append(JsonSerializer.Serialize(key)).Append(':');
                    Write(value, buffer);
                }

                buffer.Append('}');
                break;
            case JsonArray a:
                buffer.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0)
                    {
                        buffer.Append(',');
                    }

                    Write(a[i], buffer);
                }

                buffer.Append(']');
                break;
            case null:
                buffer.Append("null");
                break;
            default:
                buffer.Append(node.ToJsonString());
                break;
        }
    }
}
