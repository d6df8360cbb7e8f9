namespace Orchestrator.ApiServer.CustomResources.Printing;

/// <summary>One step of a <see cref="JsonPathExpression"/>: a field, an index, every element, or a filter.</summary>
internal abstract record JsonPathStep
{
    /// <summary>Adds what this step selects from <paramref name="node"/> to <paramref name="into"/>.</summary>
    public abstract void Select(JsonNode? node, List<JsonNode?> into);

    /// <summary><c>.name</c> or <c>['name']</c>.</summary>
    public sealed record Field(string Name) : JsonPathStep
    {
        public override void Select(JsonNode? node, List<JsonNode?> into)
        {
            if (node is JsonObject obj && obj.TryGetPropertyValue(Name, out var value))
            {
                into.Add(value);
            }
        }
    }

    /// <summary><c>[n]</c>, negative counting from the end.</summary>
    public sealed record Index(int Position) : JsonPathStep
    {
        public override void Select(JsonNode? node, List<JsonNode?> into)
        {
            if (node is JsonArray array)
            {
                var at = Position < 0 ? array.Count + Position : Position;
                if (at >= 0 && at < array.Count)
                {
                    into.Add(array[at]);
                }
            }
        }
    }

    /// <summary><c>[*]</c> or <c>.*</c>: every element of a list, every value of an object.</summary>
    public sealed record All : JsonPathStep
    {
        public override void Select(JsonNode? node, List<JsonNode?> into)
        {
            switch (node)
            {
                case JsonArray array:
                    into.AddRange(array);
                    break;
                case JsonObject obj:
                    into.AddRange(obj.Select(p => p.Value));
                    break;
            }
        }
    }

    /// <summary><c>[?(@.path==value)]</c> (or <c>!=</c>, or just <c>[?(@.path)]</c>): the list elements that match.</summary>
    public sealed record Filter(IReadOnlyList<JsonPathStep> Path, string? Operator, JsonNode? Value) : JsonPathStep
    {
        public override void Select(JsonNode? node, List<JsonNode?> into)
        {
            if (node is not JsonArray array)
            {
                return;
            }

            foreach (var item in array)
            {
                List<JsonNode?> found = [item];
                foreach (var step in Path)
                {
                    var next = new List<JsonNode?>();
                    found.ForEach(f => step.Select(f, next));
                    found = next;
                }

                var matches = Operator switch
                {
                    null => found.Count > 0,
                    "==" => found.Any(f => Same(f, Value)),
                    _ => found.Count > 0 && !found.Any(f => Same(f, Value)),
                };
                if (matches)
                {
                    into.Add(item);
                }
            }
        }

        private static bool Same(JsonNode? found, JsonNode? wanted) =>
            JsonNode.DeepEquals(found, wanted) || (found is JsonValue && wanted is JsonValue && found.ToString() == wanted.ToString());
    }
}
