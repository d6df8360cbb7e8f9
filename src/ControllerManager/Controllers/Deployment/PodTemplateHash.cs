using System.Text;

namespace Orchestrator.ControllerManager.Controllers.Deployment;

/// <summary>
/// The <c>pod-template-hash</c> of a template (upstream's <c>controller.ComputeHash</c>): FNV-1a
/// (32 bit) over a canonical serialization of the template, plus the collision count when set,
/// rendered in decimal and mapped onto the consonant/digit alphabet of <c>rand.SafeEncodeString</c>
/// so it never spells words. Stable across processes: object keys are sorted and empty values dropped.
/// </summary>
internal static class PodTemplateHash
{
    private const string SafeAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Compute(V1PodTemplateSpec template, int? collisionCount)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(Canonical(template, dropHashLabel: false)))
        {
            hash = Step(hash, b);
        }

        if (collisionCount is { } count)
        {
            Span<byte> bytes = stackalloc byte[8];
            BitConverter.TryWriteBytes(bytes, (uint)count);
            if (!BitConverter.IsLittleEndian)
            {
                bytes[..4].Reverse();
            }

            foreach (var b in bytes)
            {
                hash = Step(hash, b);
            }
        }

        return SafeEncode(hash.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Whether two templates are equal apart from their <c>pod-template-hash</c> label.</summary>
    public static bool EqualIgnoreHash(V1PodTemplateSpec? a, V1PodTemplateSpec? b) =>
        Canonical(a, dropHashLabel: true) == Canonical(b, dropHashLabel: true);

    public static string SafeEncode(string value)
    {
        var chars = new char[value.Length];
        for (var i = 0; i < value.Length; i++)
        {
            chars[i] = SafeAlphabet[value[i] % SafeAlphabet.Length];
        }

        return new string(chars);
    }

    private static uint Step(uint hash, byte b) => (hash ^ b) * 16777619u;

    private static string Canonical(V1PodTemplateSpec? template, bool dropHashLabel)
    {
        var node = template is null ? null : JsonNode.Parse(KubernetesJson.Serialize(template));
        if (dropHashLabel && node?["metadata"]?["labels"] is JsonObject labels)
        {
            labels.Remove(DeploymentAnnotations.PodTemplateHashLabel);
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, Prune(node));
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Drops nulls, empty objects and empty arrays, which serializers write inconsistently.</summary>
    private static JsonNode? Prune(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var pruned = new JsonObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (Prune(value) is { } child)
                    {
                        pruned[key] = child;
                    }
                }

                return pruned.Count == 0 ? null : pruned;
            case JsonArray array:
                var items = new JsonArray();
                foreach (var item in array)
                {
                    items.Add(Prune(item) ?? new JsonObject());
                }

                return items.Count == 0 ? null : items;
            default:
                return node?.DeepClone();
        }
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        if (node is null)
        {
            writer.WriteNullValue();
            return;
        }

        node.WriteTo(writer);
    }
}
