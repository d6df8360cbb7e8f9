namespace Orchestrator.ApiServer.Hosting;

/// <summary>
/// The request path as the client sent it: split on '/' first, then each segment percent-decoded
/// on its own, so "..", "%2e%2e" and "%2F" stay inside their segment instead of being resolved
/// into another resource (Kestrel's own path normalizes dot-segments and would route
/// <c>/api/v1/namespaces/../secrets</c> to every Secret).
/// </summary>
internal static class RawPath
{
    /// <summary>The path part of a request target (origin or absolute form); null for "*" and authority forms.</summary>
    public static string? PathOf(string rawTarget)
    {
        var path = rawTarget;
        if (!path.StartsWith('/'))
        {
            var scheme = path.IndexOf("://", StringComparison.Ordinal);
            if (scheme < 0)
            {
                return null;
            }

            var start = path.IndexOf('/', scheme + 3);
            path = start < 0 ? "/" : path[start..];
        }

        var end = path.IndexOfAny(['?', '#']);
        return end < 0 ? path : path[..end];
    }

    /// <summary>The decoded segments of an absolute path ("/a/b" → ["a", "b"]); empty segments are kept.</summary>
    public static string[] Segments(string path) =>
        [.. path.Split('/').Skip(1).Select(Uri.UnescapeDataString)];

    /// <summary>
    /// The path routing matches on: the decoded segments joined again, with only '%' and '/' inside a
    /// segment escaped so every segment stays one segment. <see cref="Unescape"/> reverses it.
    /// </summary>
    public static string ToRoutingPath(IEnumerable<string> segments) =>
        "/" + string.Join('/', segments.Select(s => s.Replace("%", "%25", StringComparison.Ordinal).Replace("/", "%2F", StringComparison.Ordinal)));

    /// <summary>One segment of a routing path back to its decoded form.</summary>
    public static string Unescape(string segment) =>
        segment.Contains('%', StringComparison.Ordinal) ? segment.Replace("%2F", "/", StringComparison.Ordinal).Replace("%25", "%", StringComparison.Ordinal) : segment;
}
