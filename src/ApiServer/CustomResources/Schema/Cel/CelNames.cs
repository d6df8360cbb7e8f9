namespace Orchestrator.ApiServer.CustomResources.Schema.Cel;

/// <summary>Upstream's CEL property name escaping (apiextensions cel/model/escaping.go).</summary>
internal static class CelNames
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "true", "false", "null", "in", "as", "break", "const", "continue", "else", "for", "function", "if",
        "import", "let", "loop", "package", "namespace", "return", "var", "void", "while",
    };

    /// <summary>The CEL name of a property, or null when upstream cannot escape it (it is then not accessible).</summary>
    public static string? Escape(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            return null;
        }

        if (Reserved.Contains(name))
        {
            return "__" + name + "__";
        }

        var escaped = new StringBuilder(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c == '_' && i + 1 < name.Length && name[i + 1] == '_')
            {
                escaped.Append("__underscores__");
                i++;
            }
            else if (c == '.')
            {
                escaped.Append("__dot__");
            }
            else if (c == '-')
            {
                escaped.Append("__dash__");
            }
            else if (c == '/')
            {
                escaped.Append("__slash__");
            }
            else if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                escaped.Append(c);
            }
            else
            {
                return null;
            }
        }

        return escaped.ToString();
    }
}
