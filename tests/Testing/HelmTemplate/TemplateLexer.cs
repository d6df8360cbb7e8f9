namespace Orchestrator.Testing.HelmTemplate;

/// <summary>
/// Splits a template into text and actions as Go's text/template does: <c>{{- </c> trims the white space before
/// the action, <c> -}}</c> the white space after it (the marker needs its space); comments <c>{{/* */}}</c> print
/// nothing. An unclosed action or comment fails.
/// </summary>
internal static class TemplateLexer
{
    /// <summary>A piece of the template: text (<see cref="IsAction"/> false) or the inside of an action.</summary>
    public readonly record struct Item(bool IsAction, string Content, int Line);

    public static IReadOnlyList<Item> Split(string template, string name)
    {
        var items = new List<Item>();
        var position = 0;
        var trimNextText = false;
        while (position < template.Length)
        {
            var open = template.IndexOf("{{", position, StringComparison.Ordinal);
            var text = open < 0 ? template[position..] : template[position..open];
            if (trimNextText)
            {
                text = text.TrimStart(' ', '\t', '\r', '\n');
            }

            if (open < 0)
            {
                AddText(items, text, Line(template, position));
                break;
            }

            var start = open + 2;
            var trimBefore = start + 1 < template.Length && template[start] == '-' && IsSpace(template[start + 1]);
            if (trimBefore)
            {
                text = text.TrimEnd(' ', '\t', '\r', '\n');
                start += 2;
            }

            AddText(items, text, Line(template, position));
            var line = Line(template, open);
            var close = FindClose(template, start, name, line);
            var end = close;
            var trimAfter = close - 2 >= start && template[close - 1] == '-' && IsSpace(template[close - 2]);
            if (trimAfter)
            {
                end = close - 2;
            }

            var content = template[start..end].Trim();
            if (content.StartsWith("/*", StringComparison.Ordinal))
            {
                if (!content.EndsWith("*/", StringComparison.Ordinal))
                {
                    throw new TemplateException($"{name}:{line}: a comment must end with */ right before the action's end");
                }
            }
            else
            {
                items.Add(new Item(true, content, line));
            }

            trimNextText = trimAfter;
            position = close + 2;
        }

        return items;
    }

    private static void AddText(List<Item> items, string text, int line)
    {
        if (text.Length > 0)
        {
            items.Add(new Item(false, text, line));
        }
    }

    /// <summary>The index of the closing }} of an action starting at <paramref name="start"/>, skipping quoted strings and comments.</summary>
    private static int FindClose(string template, int start, string name, int line)
    {
        var i = start;
        while (i < template.Length)
        {
            var c = template[i];
            if (c == '/' && i + 1 < template.Length && template[i + 1] == '*')
            {
                var endComment = template.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = endComment < 0 ? throw new TemplateException($"{name}:{line}: unclosed comment") : endComment + 2;
                continue;
            }

            if (c is '"' or '`')
            {
                i = SkipString(template, i, name, line);
                continue;
            }

            if (c == '}' && i + 1 < template.Length && template[i + 1] == '}')
            {
                return i;
            }

            i++;
        }

        throw new TemplateException($"{name}:{line}: unclosed action");
    }

    private static int SkipString(string template, int i, string name, int line)
    {
        var quote = template[i++];
        while (i < template.Length && template[i] != quote)
        {
            if (quote == '"' && template[i] == '\\')
            {
                i++;
            }

            if (quote == '"' && template[i] == '\n')
            {
                break;
            }

            i++;
        }

        return i < template.Length && template[i] == quote ? i + 1 : throw new TemplateException($"{name}:{line}: unterminated string");
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static int Line(string template, int position) => 1 + template.AsSpan(0, Math.Min(position, template.Length)).Count('\n');
}
