namespace Orchestrator.ApiServer.CustomResources.Schema;

/// <summary>JSON with object keys sorted (as Go's encoding/json writes a map), written without recursion.</summary>
internal static class CanonicalJson
{
    public static string Write(JsonNode? node)
    {
        var text = new StringBuilder();
        var pending = new Stack<object?>();
        pending.Push(node);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case string literal:
                    text.Append(literal);
                    break;
                case JsonObject map:
                    var entries = map.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
                    pending.Push("}");
                    for (var i = entries.Count - 1; i >= 0; i--)
                    {
                        pending.Push(entries[i].Value ?? (object)"null");
                        pending.Push((i > 0 ? "," : "") + JsonValue.Create(entries[i].Key).ToJsonString() + ":");
                    }

                    pending.Push("{");
                    break;
                case JsonArray list:
                    pending.Push("]");
                    for (var i = list.Count - 1; i >= 0; i--)
                    {
                        pending.Push(list[i] ?? (object)"null");
                        if (i > 0)
                        {
                            pending.Push(",");
                        }
                    }

                    pending.Push("[");
                    break;
                case JsonNode scalar:
                    text.Append(scalar.ToJsonString());
                    break;
                default:
                    text.Append("null");
                    break;
            }
        }

        return text.ToString();
    }
}
