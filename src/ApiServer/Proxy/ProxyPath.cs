namespace Orchestrator.ApiServer.Proxy;

/// <summary>
/// The path rules of upstream's proxy subresources: the rest of the request path joined and cleaned (upstream's
/// JoinPreserveTrailingSlash), a trailing slash kept as the request had it, and the redirect of a bare proxy root.
/// </summary>
internal static class ProxyPath
{
    /// <summary>
    /// The backend's path for the segments after <c>…/proxy</c>: "." and ".." resolved, empty segments dropped, each
    /// segment escaped as a URL path segment; "/" added when the request path ended with one. Empty when there is no
    /// path at all (no segments, no trailing slash): the case upstream redirects for GET and HEAD.
    /// </summary>
    public static string Backend(IEnumerable<string> segments, bool trailingSlash)
    {
        var kept = Clean(segments);
        var path = kept.Count == 0 ? "" : "/" + string.Join('/', kept.Select(EscapeSegment));
        return trailingSlash && !path.EndsWith('/') ? path + "/" : path;
    }

    /// <summary>Go's path.Clean of a path's segments: empty and "." segments dropped, ".." removing the one before it (never above the root).</summary>
    public static List<string> Clean(IEnumerable<string> segments)
    {
        var kept = new List<string>();
        foreach (var segment in segments)
        {
            if (segment == "..")
            {
                if (kept.Count > 0)
                {
                    kept.RemoveAt(kept.Count - 1);
                }
            }
            else if (segment is not ("" or "."))
            {
                kept.Add(segment);
            }
        }

        return kept;
    }

    /// <summary>Whether upstream answers 301 to "{path}/" instead of proxying: an empty backend path on GET or HEAD.</summary>
    public static bool RedirectsToSlash(string backendPath, string method) =>
        backendPath.Length == 0 && method is "GET" or "HEAD";

    /// <summary>
    /// A segment escaped as Go's url.URL escapes a path: unreserved characters and the sub-delimiters ":" and "@"
    /// stay as they are, everything else is percent-encoded (UTF-8).
    /// </summary>
    public static string EscapeSegment(string segment)
    {
        var builder = new StringBuilder(segment.Length);
        foreach (var b in Encoding.UTF8.GetBytes(segment))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or ';' or '=' or ':' or '@')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
