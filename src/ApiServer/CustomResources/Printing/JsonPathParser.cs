namespace Orchestrator.ApiServer.CustomResources.Printing;

/// <summary>Parses the JSONPath subset of <see cref="JsonPathExpression"/> into steps.</summary>
internal static class JsonPathParser
{
    public static IReadOnlyList<JsonPathStep> Parse(string text)
    {
        var steps = new List<JsonPathStep>();
        var at = 0;
        if (text.StartsWith('$'))
        {
            at = 1;
        }

        while (at < text.Length)
        {
            switch (text[at])
            {
                case '.':
                    at++;
                    if (at < text.Length && text[at] == '*')
                    {
                        steps.Add(new JsonPathStep.All());
                        at++;
                        break;
                    }

                    var start = at;
                    while (at < text.Length && text[at] is not ('.' or '['))
                    {
                        at++;
                    }

                    if (at == start)
                    {
                        throw new FormatException($"a field name is missing at position {start} of \"{text}\"");
                    }

                    steps.Add(new JsonPathStep.Field(text[start..at]));
                    break;
                case '[':
                    var close = Closing(text, at);
                    steps.Add(Bracket(text[(at + 1)..close].Trim(), text));
                    at = close + 1;
                    break;
                default:
                    throw new FormatException($"unexpected '{text[at]}' at position {at} of \"{text}\"");
            }
        }

        return steps;
    }

    private static int Closing(string text, int open)
    {
        var depth = 0;
        char? quote = null;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                quote = c == quote ? null : quote;
                continue;
            }

            switch (c)
            {
                case '\'' or '"':
                    quote = c;
                    break;
                case '[':
                    depth++;
                    break;
                case ']' when --depth == 0:
                    return i;
            }
        }

        throw new FormatException($"unclosed '[' at position {open} of \"{text}\"");
    }

    private static JsonPathStep Bracket(string inner, string text)
    {
        if (inner == "*")
        {
            return new JsonPathStep.All();
        }

        if (inner.Length >= 2 && inner[0] is '\'' or '"' && inner[^1] == inner[0])
        {
            return new JsonPathStep.Field(inner[1..^1]);
        }

        if (int.TryParse(inner, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            return new JsonPathStep.Index(index);
        }

        if (inner.StartsWith("?(", StringComparison.Ordinal) && inner.EndsWith(')'))
        {
            return Filter(inner[2..^1].Trim(), text);
        }

        throw new FormatException($"unsupported expression [{inner}] in \"{text}\"");
    }

    private static JsonPathStep.Filter Filter(string condition, string text)
    {
        foreach (var op in new[] { "==", "!=" })
        {
            var split = condition.IndexOf(op, StringComparison.Ordinal);
            if (split > 0)
            {
                return new JsonPathStep.Filter(Relative(condition[..split].Trim(), text), op, Literal(condition[(split + 2)..].Trim(), text));
            }
        }

        return new JsonPathStep.Filter(Relative(condition, text), null, null);
    }

    private static IReadOnlyList<JsonPathStep> Relative(string path, string text) =>
        path.StartsWith('@') ? Parse(path[1..]) : throw new FormatException($"a filter must start with @ in \"{text}\"");

    private static JsonNode? Literal(string literal, string text)
    {
        if (literal.Length >= 2 && literal[0] is '\'' or '"' && literal[^1] == literal[0])
        {
            return JsonValue.Create(literal[1..^1]);
        }

        try
        {
            return JsonNode.Parse(literal);
        }
        catch (System.Text.Json.JsonException)
        {
            throw new FormatException($"unsupported literal {literal} in \"{text}\"");
        }
    }
}
