using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Serialization;

/// <summary>Whole-tree operations on JSON nodes that do not recurse, so no depth can overflow the stack.</summary>
internal static class JsonTree
{
    /// <summary>A deep copy of <paramref name="node"/>, built with an explicit stack.</summary>
    public static JsonNode? Clone(JsonNode? node)
    {
        if (node is null or JsonValue)
        {
            return node?.DeepClone();
        }

        var root = Empty(node);
        var pending = new Stack<(JsonNode Source, JsonNode Target)>();
        pending.Push((node, root));
        while (pending.TryPop(out var pair))
        {
            if (pair.Source is JsonObject source)
            {
                var target = (JsonObject)pair.Target;
                foreach (var (key, child) in source)
                {
                    target[key] = Copy(child, pending);
                }
            }
            else
            {
                var target = (JsonArray)pair.Target;
                foreach (var child in (JsonArray)pair.Source)
                {
                    target.Add(Copy(child, pending));
                }
            }
        }

        return root;
    }

    private static JsonNode? Copy(JsonNode? child, Stack<(JsonNode Source, JsonNode Target)> pending)
    {
        if (child is null or JsonValue)
        {
            return child?.DeepClone();
        }

        var copy = Empty(child);
        pending.Push((child, copy));
        return copy;
    }

    private static JsonNode Empty(JsonNode container) => container is JsonObject ? new JsonObject() : new JsonArray();
}
