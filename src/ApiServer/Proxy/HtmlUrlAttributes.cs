namespace Orchestrator.ApiServer.Proxy;

/// <summary>
/// The URL-valued attributes of HTML tags (upstream's atomsToAttrs table) rewritten in a page: start tags are scanned
/// for their attributes; comments, doctype and the raw text of script and style elements are copied untouched, and so
/// is everything else byte for byte except the values rewritten.
/// </summary>
internal static class HtmlUrlAttributes
{
    private static readonly Dictionary<string, string[]> Attributes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["a"] = ["href"], ["applet"] = ["codebase"], ["area"] = ["href"], ["audio"] = ["src"], ["base"] = ["href"],
        ["blockquote"] = ["cite"], ["body"] = ["background"], ["button"] = ["formaction"], ["command"] = ["icon"],
        ["del"] = ["cite"], ["embed"] = ["src"], ["form"] = ["action"], ["frame"] = ["longdesc", "src"], ["head"] = ["profile"],
        ["html"] = ["manifest"], ["iframe"] = ["longdesc", "src"], ["img"] = ["longdesc", "src", "usemap"],
        ["input"] = ["src", "usemap", "formaction"], ["ins"] = ["cite"], ["link"] = ["href"],
        ["object"] = ["classid", "codebase", "data", "usemap"], ["q"] = ["cite"], ["script"] = ["src"], ["source"] = ["src"],
        ["video"] = ["poster", "src"],
    };

    public static string Rewrite(string html, Func<string, string> rewrite)
    {
        var output = new StringBuilder(html.Length);
        var i = 0;
        while (i < html.Length)
        {
            var open = html.IndexOf('<', i);
            if (open < 0 || open + 1 >= html.Length)
            {
                output.Append(html, i, html.Length - i);
                break;
            }

            output.Append(html, i, open - i);
            if (html.AsSpan(open).StartsWith("<!--"))
            {
                i = CopyThrough(html, open, "-->", output);
                continue;
            }

            if (!char.IsAsciiLetter(html[open + 1]))
            {
                // An end tag, a doctype or a lone '<': copied up to the next '>' (or the '<' alone when it starts no tag).
                i = html[open + 1] is '/' or '!' or '?' ? CopyThrough(html, open, ">", output) : Copy(html, open, open + 1, output);
                continue;
            }

            var nameEnd = open + 1;
            while (nameEnd < html.Length && !char.IsWhiteSpace(html[nameEnd]) && html[nameEnd] is not ('>' or '/'))
            {
                nameEnd++;
            }

            var name = html[(open + 1)..nameEnd];
            output.Append(html, open, nameEnd - open);
            i = Tag(html, nameEnd, Attributes.GetValueOrDefault(name) ?? [], rewrite, output);
            if (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase))
            {
                var close = html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
                i = Copy(html, i, close < 0 ? html.Length : close, output);
            }
        }

        return output.ToString();
    }

    /// <summary>The attributes of one start tag from <paramref name="i"/> through its '>', the listed ones rewritten; the index after it.</summary>
    private static int Tag(string html, int i, string[] urlAttributes, Func<string, string> rewrite, StringBuilder output)
    {
        while (i < html.Length && html[i] != '>')
        {
            if (char.IsWhiteSpace(html[i]) || html[i] == '/')
            {
                output.Append(html[i++]);
                continue;
            }

            var nameStart = i;
            while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] is not ('=' or '>' or '/'))
            {
                i++;
            }

            var attribute = html[nameStart..i];
            output.Append(attribute);
            var afterName = i;
            while (i < html.Length && char.IsWhiteSpace(html[i]))
            {
                i++;
            }

            if (i >= html.Length || html[i] != '=')
            {
                output.Append(html, afterName, i - afterName);
                continue;
            }

            i++;
            while (i < html.Length && char.IsWhiteSpace(html[i]))
            {
                i++;
            }

            output.Append(html, afterName, i - afterName);
            var quote = i < html.Length && html[i] is '"' or '\'' ? html[i] : '\0';
            var valueStart = quote == '\0' ? i : i + 1;
            var valueEnd = quote == '\0' ? ValueEnd(html, valueStart) : html.IndexOf(quote, valueStart);
            valueEnd = valueEnd < 0 ? html.Length : valueEnd;
            var value = html[valueStart..valueEnd];
            var rewritten = urlAttributes.Contains(attribute, StringComparer.OrdinalIgnoreCase) ? Encode(rewrite(Decode(value)), value) : value;
            output.Append(quote == '\0' ? "" : quote).Append(rewritten);
            i = valueEnd;
            if (quote != '\0' && i < html.Length)
            {
                output.Append(quote);
                i++;
            }
        }

        return i < html.Length ? Copy(html, i, i + 1, output) : i;
    }

    private static int ValueEnd(string html, int start)
    {
        var end = start;
        while (end < html.Length && !char.IsWhiteSpace(html[end]) && html[end] != '>')
        {
            end++;
        }

        return end;
    }

    private static string Decode(string value) => value.Contains('&', StringComparison.Ordinal) ? System.Net.WebUtility.HtmlDecode(value) : value;

    /// <summary>An unchanged value stays as written (entities and all); a changed one is written HTML-encoded.</summary>
    private static string Encode(string rewritten, string original) =>
        rewritten == Decode(original) ? original : System.Net.WebUtility.HtmlEncode(rewritten);

    private static int CopyThrough(string html, int start, string end, StringBuilder output)
    {
        var found = html.IndexOf(end, start + 1, StringComparison.Ordinal);
        return Copy(html, start, found < 0 ? html.Length : found + end.Length, output);
    }

    private static int Copy(string html, int start, int end, StringBuilder output)
    {
        output.Append(html, start, end - start);
        return end;
    }
}
