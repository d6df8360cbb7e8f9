namespace Orchestrator.ApiServer.Tables;

/// <summary>Label maps and label selectors printed the way upstream's labels package prints them.</summary>
internal static class LabelFormat
{
    /// <summary>labels.FormatLabels: "k1=v1,k2=v2" sorted by key, or "&lt;none&gt;".</summary>
    public static string Labels(IReadOnlyList<KeyValuePair<string, string>> labels) =>
        labels.Count == 0
            ? "<none>"
            : string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));

    /// <summary>metav1.FormatLabelSelector: the selector string, "&lt;none&gt;" when it selects everything or nothing, "&lt;error&gt;" when invalid.</summary>
    public static string Selector(JsonNode? selector) => SelectorString(selector) switch
    {
        null => "<error>",
        "" => "<none>",
        var text => text,
    };

    /// <summary>LabelSelectorAsSelector(...).String() as the deployment printer uses it: "" when empty, "&lt;invalid&gt;" when invalid.</summary>
    public static string SelectorOrEmpty(JsonNode? selector) => SelectorString(selector) ?? "<invalid>";

    /// <summary>Requirements sorted by key and joined by commas; null when an expression is invalid.</summary>
    private static string? SelectorString(JsonNode? selector)
    {
        if (selector is not JsonObject)
        {
            return "";
        }

        var requirements = selector.StringMap("matchLabels").Select(l => (l.Key, Text: $"{l.Key}={l.Value}")).ToList();
        foreach (var expression in selector.Objects("matchExpressions"))
        {
            var key = expression.String("key");
            var values = expression.Strings("values").Order(StringComparer.Ordinal).ToList();
            string? text = expression.String("operator") switch
            {
                "In" when values.Count > 0 => $"{key} in ({string.Join(",", values)})",
                "NotIn" when values.Count > 0 => $"{key} notin ({string.Join(",", values)})",
                "Exists" when values.Count == 0 => key,
                "DoesNotExist" when values.Count == 0 => "!" + key,
                _ => null,
            };
            if (text is null)
            {
                return null;
            }

            requirements.Add((key, text));
        }

        return string.Join(",", requirements.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Text));
    }
}
