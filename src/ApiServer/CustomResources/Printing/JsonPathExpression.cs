namespace Orchestrator.ApiServer.CustomResources.Printing;

/// <summary>
/// The part of kubectl's JSONPath that printer columns use (<c>.spec.replicas</c>, <c>.status.conditions[0].type</c>,
/// <c>.items[*].name</c>, <c>.status.conditions[?(@.type=="Ready")].status</c>, <c>['a.b']</c>), compiled once.
/// Missing keys yield no result, as upstream's AllowMissingKeys(true). Immutable and thread-safe.
/// </summary>
internal sealed class JsonPathExpression
{
    private readonly IReadOnlyList<JsonPathStep> _steps;

    private JsonPathExpression(IReadOnlyList<JsonPathStep> steps) => _steps = steps;

    /// <summary>Parses <paramref name="path"/>, with or without the surrounding braces.</summary>
    /// <exception cref="FormatException">The path is not in the supported subset.</exception>
    public static JsonPathExpression Parse(string path)
    {
        var text = path.Trim();
        if (text.StartsWith('{') && text.EndsWith('}'))
        {
            text = text[1..^1].Trim();
        }

        return new JsonPathExpression(JsonPathParser.Parse(text));
    }

    /// <summary>The values the path selects in <paramref name="root"/>, in document order.</summary>
    public IReadOnlyList<JsonNode?> Evaluate(JsonNode? root)
    {
        List<JsonNode?> current = [root];
        foreach (var step in _steps)
        {
            var next = new List<JsonNode?>();
            foreach (var node in current)
            {
                step.Select(node, next);
            }

            current = next;
        }

        return current;
    }
}
