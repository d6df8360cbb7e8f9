namespace Orchestrator.ApiServer.CustomResources.Schema.Cel;

/// <summary>
/// A rule's <c>fieldPath</c> (<c>.spec.replicas</c>, <c>.labels['app.kubernetes.io/name']</c>) as upstream's
/// ValidFieldPath reads it against the schema the rule sits on: named fields must be properties, bracketed
/// keys of a map (additionalProperties) print as <c>[key]</c>, named ones as <c>.key</c>.
/// </summary>
internal static class CelFieldPath
{
    /// <summary>The path as upstream prints it (no leading dot), or the reason it is not valid for <paramref name="schema"/>.</summary>
    public static (string? Path, string? Error) Resolve(string fieldPath, StructuralSchema? schema)
    {
        var path = new StringBuilder();
        var i = 0;
        while (i < fieldPath.Length)
        {
            string name;
            if (fieldPath[i] == '.')
            {
                var end = i + 1;
                while (end < fieldPath.Length && fieldPath[end] is not ('.' or '['))
                {
                    end++;
                }

                if (end == i + 1)
                {
                    return (null, "unexpected end of JSON path");
                }

                name = fieldPath[(i + 1)..end];
                i = end;
            }
            else if (fieldPath[i] == '[')
            {
                if (i + 1 >= fieldPath.Length || fieldPath[i + 1] != '\'')
                {
                    return (null, "expected single quoted string but got " + fieldPath[(i + 1)..]);
                }

                var close = i + 2;
                var text = new StringBuilder();
                while (close < fieldPath.Length && fieldPath[close] != '\'')
                {
                    if (fieldPath[close] == '\\' && close + 1 < fieldPath.Length)
                    {
                        close++;
                    }

                    text.Append(fieldPath[close]);
                    close++;
                }

                if (close + 1 >= fieldPath.Length || fieldPath[close + 1] != ']')
                {
                    return (null, "unexpected end of JSON path");
                }

                name = text.ToString();
                i = close + 2;
            }
            else
            {
                return (null, "expected [ or . but got: " + fieldPath[i..]);
            }

            if (schema is { Properties.Count: > 0 })
            {
                if (!schema.Properties.TryGetValue(name, out var property))
                {
                    return (null, "does not refer to a valid field");
                }

                path.Append(path.Length == 0 ? "" : ".").Append(name);
                schema = property;
            }
            else if (schema?.AdditionalProperties is { } additional)
            {
                path.Append('[').Append(name).Append(']');
                schema = additional;
            }
            else if (schema is null)
            {
                // Without a schema (evaluation of an already validated path) the name is taken as a field.
                path.Append(path.Length == 0 ? "" : ".").Append(name);
            }
            else
            {
                return (null, "does not refer to a valid field");
            }
        }

        return (path.ToString(), null);
    }

    public static string Normalize(string fieldPath) => Resolve(fieldPath, null).Path ?? fieldPath;
}
