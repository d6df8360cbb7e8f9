using System.Text;
using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Registry.Core.Secrets;

/// <summary>
/// Secrets: <c>stringData</c> is a write-only convenience. Upstream merges it into <c>data</c>
/// (base64 of the UTF-8 text, a stringData key winning over the same data key) when it converts the
/// request to its internal version, so it is never stored nor returned; the same here, on create,
/// update and every patch.
/// </summary>
internal sealed class SecretStrategy : ResourceStrategy
{
    public override void PrepareForCreate(JsonObject obj) => MergeStringData(obj);

    public override void PrepareForUpdate(JsonObject current, JsonObject updated) => MergeStringData(updated);

    internal static void MergeStringData(JsonObject secret)
    {
        if (secret["stringData"] is not JsonObject stringData)
        {
            secret.Remove("stringData");
            return;
        }

        if (secret["data"] is not JsonObject data)
        {
            data = [];
            secret["data"] = data;
        }

        foreach (var (key, value) in stringData)
        {
            var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
            data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        }

        secret.Remove("stringData");
    }
}
