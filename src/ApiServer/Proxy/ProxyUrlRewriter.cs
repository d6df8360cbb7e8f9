namespace Orchestrator.ApiServer.Proxy;

/// <summary>
/// Upstream's proxy URL rewriting (apimachinery's proxy Transport.rewriteURL, with the scheme and host of a server
/// request, which are empty): a URL the backend returns (a redirect's Location, a link in an HTML page) that points at
/// the backend itself (no host, the backend's address or the Host the client asked for) and has an absolute path is
/// moved under the proxy prefix; other hosts and relative paths are left alone.
/// </summary>
internal sealed record ProxyUrlRewriter(string Prefix, string BackendAuthority, string RequestHost)
{
    public string Rewrite(string url)
    {
        var (scheme, host, rest) = Split(url);
        var end = rest.IndexOfAny(['?', '#']);
        var path = end < 0 ? rest : rest[..end];
        var suffix = end < 0 ? "" : rest[end..];
        var differentHost = host.Length > 0 && host != BackendAuthority && host != RequestHost;
        if (differentHost || !path.StartsWith('/'))
        {
            return url;
        }

        // The backend's own address is dropped (the client reaches it only through the proxy); the address the client
        // used is kept as it is.
        var (keptScheme, keptHost) = host.Length > 0 && host == RequestHost ? (scheme, host) : ("", "");
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            var joined = Join(Prefix, path);
            path = path.EndsWith('/') && !joined.EndsWith('/') ? joined + "/" : joined;
        }

        var origin = keptHost.Length == 0 ? "" : (keptScheme.Length > 0 ? keptScheme + ":" : "") + "//" + keptHost;
        return origin + path + suffix;
    }

    /// <summary>Scheme, host and the rest (path, query, fragment) of a URL as Go's url.Parse finds them.</summary>
    private static (string Scheme, string Host, string Remainder) Split(string url)
    {
        var scheme = "";
        var rest = url;
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && url[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.') && char.IsAsciiLetter(url[0]))
        {
            scheme = url[..colon];
            rest = url[(colon + 1)..];
        }

        if (!rest.StartsWith("//", StringComparison.Ordinal))
        {
            return (scheme, "", rest);
        }

        var hostEnd = rest.IndexOfAny(['/', '?', '#'], 2);
        return hostEnd < 0 ? (scheme, rest[2..], "") : (scheme, rest[2..hostEnd], rest[hostEnd..]);
    }

    /// <summary>Go's path.Join of two rooted paths: one slash between them, "." and ".." resolved, no trailing slash.</summary>
    private static string Join(string prefix, string path) => "/" + string.Join('/', ProxyPath.Clean((prefix + "/" + path).Split('/')));
}
