namespace Orchestrator.ApiServer.Serialization;

/// <summary>Whole-tree operations on JSON nodes that do not recurse, so no depth can overflow the stack.</summary>
internal static class JsonTree
{
    /// <summary>
    /// A deep copy of <paramref name="node"/>, built with an explicit stack and bottom-up: a copied
    /// container joins its parent only when complete, since joining an attached parent walks its
    /// ancestors (quadratic in depth, as <see cref="JsonNode.DeepClone"/> is).
    /// </summary>
    public static JsonNode? Clone(JsonNode? node)
    {
        if (node is null or JsonValue)
        {
            return node?.DeepClone();
        }

        var open = new Stack<Frame>();
        open.Push(new Frame(node, null));
        while (true)
        {
            var frame = open.Peek();
            if (frame.Children.MoveNext())
            {
                var (key, child) = frame.Children.Current;
                if (child is JsonObject or JsonArray)
                {
                    open.Push(new Frame(child, key));
                }
                else
                {
                    frame.Add(key, child?.DeepClone());
                }

                continue;
            }

            open.Pop();
            if (open.Count == 0)
            {
                return frame.Copy;
            }

            open.Peek().Add(frame.Key, frame.Copy);
        }
    }

    private sealed class Frame(JsonNode source, string? key)
    {
        public string? Key { get; } = key;

        public JsonNode Copy { get; } = source is JsonObject ? new JsonObject() : new JsonArray();

        public IEnumerator<(string? Key, JsonNode? Value)> Children { get; } = source is JsonObject obj
            ? obj.Select(p => ((string?)p.Key, p.Value)).GetEnumerator()
            : ((JsonArray)source).Select(v => ((string?)null, v)).GetEnumerator();

        public void Add(string? key, JsonNode? value)
        {
            if (Copy is JsonObject obj)
            {
                obj[key!] = value;
            }
            else
            {
                ((JsonArray)Copy).Add(value);
            }
        }
    }
}
